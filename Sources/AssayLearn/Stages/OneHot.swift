import AssayFrame

/// `onehot(COLS, drop_last=false, max_categories=50)`: a 0/1 column `col=value` per category,
/// most frequent first, in place of the column. Beyond `max_categories` columns, the rarest
/// categories share one `col=other` column (the last). Missing and unseen values are all zeros.
/// `drop_last` leaves out the last column. String columns by default.
public struct OneHot: Stage {
    public var columns: ColumnSelector
    public var dropLast: Bool
    public var maxCategories: Int

    public init(_ columns: ColumnSelector = .names([]), dropLast: Bool = false, maxCategories: Int = 50) {
        self.columns = columns
        self.dropLast = dropLast
        self.maxCategories = maxCategories
    }

    public var kind: String { "onehot" }

    public func fit(_ data: Dataset, context: FitContext) throws(LearnError) -> any FittedStage {
        guard maxCategories >= 2 else { throw LearnError("`max_categories` must be at least 2, got \(maxCategories)") }
        let selector = columns == .names([]) ? .all : columns
        let accepts: Set<ColumnType> = columns == .names([]) ? [.string] : [.string, .bool, .number]
        var encodings: [FittedOneHot.Encoding] = []
        for name in try selector.resolve(in: data, stage: kind, accepts: accepts) {
            let keys = CategoryCounts(try StageColumns.require(name, in: data, stage: kind)).keys
            let kept = keys.count > maxCategories ? maxCategories - 1 : keys.count
            encodings.append(.init(column: name, categories: Array(keys.prefix(kept)), rare: Array(keys.dropFirst(kept))))
        }
        return FittedOneHot(encodings: encodings, dropLast: dropLast)
    }
}

/// Fitted `onehot`: each column's categories in output order, and the rare ones that share
/// `col=other`. Saved as `{"dropLast": false, "columns": [{"column": "island", "categories": ["Dream"], "rare": []}]}`.
public struct FittedOneHot: FittedStage, Codable {
    public struct Encoding: Sendable, Codable {
        public var column: String
        public var categories: [String]
        public var rare: [String]
    }

    public var encodings: [Encoding]
    public var dropLast: Bool

    private enum CodingKeys: String, CodingKey { case encodings = "columns", dropLast }

    public func transform(_ data: Dataset) throws(LearnError) -> Dataset {
        var expansions: [String: [Column]] = [:]
        for encoding in encodings {
            let (name, categories, rare) = (encoding.column, encoding.categories, encoding.rare)
            let keys = CategoryCounts.rowKeys(try StageColumns.require(name, in: data, stage: "onehot"))
            var position = Dictionary(categories.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            var names = categories.map { "\(name)=\($0)" }
            if !rare.isEmpty {
                names.append("\(name)=other")
                for key in rare { position[key] = categories.count }
            }
            var indicators = [[Double]](repeating: [Double](repeating: 0, count: keys.count), count: names.count)
            for (row, key) in keys.enumerated() {
                if let key, let c = position[key] { indicators[c][row] = 1 }
            }
            let kept = dropLast ? names.count - 1 : names.count
            expansions[name] = (0..<kept).map { Column(names[$0], .number(indicators[$0])) }
        }
        return try StageColumns.dataset(data.columns.flatMap { expansions[$0.name] ?? [$0] }, stage: "onehot")
    }

    public var summary: [(String, String)] {
        encodings.map { ($0.column, ($0.categories + ($0.rare.isEmpty ? [] : ["other (\($0.rare.count))"])).joined(separator: ", ")) }
    }
}
