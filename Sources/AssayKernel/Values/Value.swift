import AssayFrame

/// A value of the language, as names hold it.
enum Value: Sendable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case list([Value])
    case null
    case dataset(Dataset)

    /// The type's name as `vars`, completion and error messages show it.
    var typeName: String {
        switch self {
        case .number: "number"
        case .string: "string"
        case .bool: "bool"
        case .list: "list"
        case .null: "null"
        case .dataset: "dataset"
        }
    }
}
