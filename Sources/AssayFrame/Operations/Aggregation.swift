/// An aggregate function of `group ... aggregate`.
public enum Aggregate: String, Sendable, CaseIterable {
    case count, mean, sum, min, max, median, std, variance = "var", distinctCount = "distinct_count", first, last
}

/// One output column of `group`: `name = function(column)`; `column` is nil only for `count()`.
public struct Aggregation: Sendable {
    public var name: String
    public var function: Aggregate
    public var column: String?

    public init(name: String, function: Aggregate, column: String?) {
        self.name = name
        self.function = function
        self.column = column
    }
}
