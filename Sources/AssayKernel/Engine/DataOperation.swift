import AssayFrame

/// A data operation after `|` with its names resolved and its row expressions built: what an
/// engine applies to a table. The row expressions are Codable, so a remote engine can carry them.
enum DataOperation: Sendable {
    /// `where`: the rows where the condition holds.
    case filter(RowExpression)
    /// `derive`: columns from row expressions; later ones may use earlier ones.
    case derive([Definition])
    case select([String])
    case drop([String])
    case rename([(old: String, new: String)])
    case sort([(column: String, order: SortOrder)])
    case head(Int)
    case tail(Int)
    /// A fraction of the rows, between 0 and 1.
    case sampleFraction(Double, seed: UInt64)
    case sampleCount(Int, seed: UInt64)
    /// `dropna`: rows with a missing value in the columns (all of them when nil).
    case dropMissing([String]?)
    /// Distinct rows over the columns (all of them when nil).
    case distinct([String]?)
    case group(keys: [String], aggregations: [Aggregation])
    case join(TableRef, on: [String], kind: JoinKind)

    /// One column of a `derive`.
    struct Definition: Sendable {
        let name: String
        let expression: RowExpression
    }
}
