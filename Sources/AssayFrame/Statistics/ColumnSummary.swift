/// One column's row of `describe`: counts for every column, moments and quartiles for numbers,
/// the most frequent value for strings and bools.
public struct ColumnSummary: Sendable {
    public var name: String
    public var type: ColumnType
    /// Values present.
    public var count: Int
    public var missing: Int
    /// Numbers only (nil otherwise, and nil when no value is present). `std` is the sample
    /// standard deviation (ddof = 1, nil below two values); quartiles interpolate linearly.
    public var mean, std, min, q25, median, q75, max: Double?
    /// Distinct values present (missing is not a value here).
    public var distinct: Int
    /// The most frequent value of a string or bool column (ties: the one that appears first);
    /// nil for numbers, as in pandas' `describe`.
    public var top: String?
    public var topCount: Int

    public init(
        name: String, type: ColumnType, count: Int, missing: Int, mean: Double? = nil, std: Double? = nil,
        min: Double? = nil, q25: Double? = nil, median: Double? = nil, q75: Double? = nil, max: Double? = nil,
        distinct: Int, top: String? = nil, topCount: Int = 0
    ) {
        self.name = name
        self.type = type
        self.count = count
        self.missing = missing
        self.mean = mean
        self.std = std
        self.min = min
        self.q25 = q25
        self.median = median
        self.q75 = q75
        self.max = max
        self.distinct = distinct
        self.top = top
        self.topCount = topCount
    }
}
