import AssayFrame

/// `bucket(COL, splits=[...])`: a number to the count of splits at or below it, so with splits
/// s₁ < s₂ < ... bucket 0 is below s₁ and bucket i holds [sᵢ, sᵢ₊₁). Missing stays missing.
/// Nothing is learned: it is its own fitted stage, saved as `{"column": "bill", "splits": [2, 5]}`.
public struct Bucket: Stage, FittedStage, Codable {
    public var column: String
    public var splits: [Double]

    public init(_ column: String, splits: [Double]) {
        self.column = column
        self.splits = splits
    }

    public var kind: String { "bucket" }

    public func fit(_ data: Dataset, context: FitContext) throws(LearnError) -> any FittedStage {
        guard !splits.isEmpty, splits.allSatisfy(\.isFinite), zip(splits, splits.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw LearnError("`bucket` needs increasing split points, got \(splits.map(StageColumns.format))", help: "for example `splits=[0, 18, 65]`")
        }
        _ = try StageColumns.numbers(column, in: data, stage: kind)
        return self
    }

    public func transform(_ data: Dataset) throws(LearnError) -> Dataset {
        let values = try StageColumns.numbers(column, in: data, stage: kind)
        return try StageColumns.replacing(data, [column: Column(column, .number(Bucket.assign(values, splits)))], stage: kind)
    }

    public var summary: [(String, String)] {
        [(column, "splits " + splits.map(StageColumns.format).joined(separator: ", "))]
    }

    /// Binary search per value: the number of splits ≤ x.
    static func assign(_ values: [Double], _ splits: [Double]) -> [Double] {
        values.map { x in
            guard !x.isNaN else { return .nan }
            var low = 0
            var high = splits.count
            while low < high {
                let mid = (low + high) / 2
                if splits[mid] <= x { low = mid + 1 } else { high = mid }
            }
            return Double(low)
        }
    }
}

/// `quantiles(COLS, buckets=4)`: `bucket` with splits at the fitted data's quantiles 1/b, ...,
/// (b−1)/b (linear interpolation; repeated splits merged). Number columns by default.
public struct Quantiles: Stage {
    public var columns: ColumnSelector
    public var buckets: Int

    public init(_ columns: ColumnSelector = .numeric, buckets: Int = 4) {
        self.columns = columns
        self.buckets = buckets
    }

    public var kind: String { "quantiles" }

    public func fit(_ data: Dataset, context: FitContext) throws(LearnError) -> any FittedStage {
        guard buckets >= 2 else { throw LearnError("`buckets` must be at least 2, got \(buckets)") }
        var fitted: [Bucket] = []
        for name in try columns.resolve(in: data, stage: kind, accepts: [.number]) {
            let sorted = try StageColumns.numbers(name, in: data, stage: kind).filter { !$0.isNaN }.sorted()
            var splits: [Double] = []
            if !sorted.isEmpty {
                for q in 1..<buckets {
                    let split = StageColumns.quantile(sorted, Double(q) / Double(buckets))
                    if splits.last != split { splits.append(split) }
                }
            }
            fitted.append(Bucket(name, splits: splits))
        }
        return FittedQuantiles(buckets: fitted)
    }
}

/// Fitted `quantiles`: a bucketing per column. Saved as `{"buckets": [{"column": "bill", "splits": [2.5, 4, 5.5]}]}`.
public struct FittedQuantiles: FittedStage, Codable {
    public var buckets: [Bucket]

    public func transform(_ data: Dataset) throws(LearnError) -> Dataset {
        var result = data
        for bucket in buckets { result = try bucket.transform(result) }
        return result
    }

    public var summary: [(String, String)] { buckets.flatMap(\.summary) }
}
