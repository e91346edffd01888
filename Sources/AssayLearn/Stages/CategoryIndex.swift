import AssayFrame

/// `index(COLS)`: categories to integer codes 0, 1, 2, ... most frequent first (ties in natural
/// order), in place of the column. Missing and unseen values become missing. String columns by
/// default.
public struct CategoryIndex: Stage {
    public var columns: ColumnSelector

    public init(_ columns: ColumnSelector = .names([])) {
        self.columns = columns
    }

    public var kind: String { "index" }

    public func fit(_ data: Dataset, context: FitContext) throws(LearnError) -> any FittedStage {
        let selector = columns == .names([]) ? .all : columns
        let accepts: Set<ColumnType> = columns == .names([]) ? [.string] : [.string, .bool, .number]
        var codes: [FittedCategoryIndex.Codes] = []
        for name in try selector.resolve(in: data, stage: kind, accepts: accepts) {
            codes.append(.init(column: name, categories: CategoryCounts(try StageColumns.require(name, in: data, stage: kind)).keys))
        }
        return FittedCategoryIndex(codes: codes)
    }
}

/// Fitted `index`: each column's categories; a category's code is its position. Saved as
/// `{"columns": [{"column": "island", "categories": ["Dream", "Biscoe"]}]}`.
public struct FittedCategoryIndex: FittedStage, Codable {
    public struct Codes: Sendable, Codable {
        public var column: String
        public var categories: [String]
    }

    public var codes: [Codes]

    private enum CodingKeys: String, CodingKey { case codes = "columns" }

    public func transform(_ data: Dataset) throws(LearnError) -> Dataset {
        var replaced: [String: Column] = [:]
        for code in codes {
            let (name, categories) = (code.column, code.categories)
            let keys = CategoryCounts.rowKeys(try StageColumns.require(name, in: data, stage: "index"))
            let position = Dictionary(categories.enumerated().map { ($1, Double($0)) }, uniquingKeysWith: { a, _ in a })
            replaced[name] = Column(name, .number(keys.map { $0.flatMap { position[$0] } ?? .nan }))
        }
        return try StageColumns.replacing(data, replaced, stage: "index")
    }

    public var summary: [(String, String)] {
        codes.map { ($0.column, $0.categories.enumerated().map { "\($1)=\($0)" }.joined(separator: ", ")) }
    }
}
