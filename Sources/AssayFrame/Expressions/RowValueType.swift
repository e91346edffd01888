/// The type a row expression yields on a dataset's schema. `null` is the type of the `null`
/// literal alone; it fits wherever a value of any other type is expected.
public enum RowValueType: Sendable, Hashable {
    case number, string, bool, null

    init(_ type: ColumnType) {
        switch type {
        case .number: self = .number
        case .string: self = .string
        case .bool: self = .bool
        }
    }

    /// The type of a column holding these values: `null` alone makes a column of missing numbers.
    public var columnType: ColumnType {
        switch self {
        case .number, .null: .number
        case .string: .string
        case .bool: .bool
        }
    }

    /// The word error messages use.
    var name: String {
        switch self {
        case .number: "number"
        case .string: "string"
        case .bool: "true/false value"
        case .null: "null"
        }
    }

    /// `a number`, `a string`, ... for messages.
    var withArticle: String {
        switch self {
        case .number: "a number"
        case .string: "a string"
        case .bool: "a true/false value"
        case .null: "null"
        }
    }
}
