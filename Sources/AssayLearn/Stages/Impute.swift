import AssayFrame

/// `impute(COLS, strategy="mean"|"median"|"mode", value=)`: fills missing values with a
/// statistic of the fitted data (mean and median for numbers; mode, the most frequent value and
/// the smallest on ties, for any type) or a given value. Without columns it takes every column
/// the strategy can fill.
public struct Impute: Stage {
    /// What missing values become.
    public enum Strategy: Sendable, Hashable {
        case mean, median, mode
        case value(Cell)
    }

    public var columns: ColumnSelector
    public var strategy: Strategy

    public init(_ columns: ColumnSelector = .all, strategy: Strategy = .mean) {
        self.columns = columns
        self.strategy = strategy
    }

    public var kind: String { "impute" }

    private var accepted: Set<ColumnType> {
        switch strategy {
        case .mean, .median: [.number]
        case .mode: [.number, .string, .bool]
        case .value(.number): [.number]
        case .value(.string): [.string]
        case .value(.bool): [.bool]
        case .value(.missing): []
        }
    }

    public func fit(_ data: Dataset, context: FitContext) throws(LearnError) -> any FittedStage {
        if case .value(.missing) = strategy { throw LearnError("`impute` needs a value to fill with, got null") }
        var fills: [(String, Cell)] = []
        for name in try columns.resolve(in: data, stage: kind, accepts: accepted) {
            let column = try StageColumns.require(name, in: data, stage: kind)
            let fill: Cell
            switch strategy {
            case .value(let cell):
                fill = cell
            case .mean, .median:
                let present = (column.values.numbers ?? []).filter { !$0.isNaN }
                guard !present.isEmpty else { throw LearnError("`impute` can't fill `\(name)`: it has no values to learn from") }
                if case .mean = strategy {
                    fill = .number(present.reduce(0, +) / Double(present.count))
                } else {
                    fill = .number(StageColumns.quantile(present.sorted(), 0.5))
                }
            case .mode:
                // Most frequent, smallest on ties (scikit-learn's `most_frequent`).
                // CategoryCounts puts ties in natural order, so the first is the smallest.
                guard let key = CategoryCounts(column).keys.first else {
                    throw LearnError("`impute` can't fill `\(name)`: it has no values to learn from")
                }
                fill = Impute.cell(key, like: column)
            }
            fills.append((name, fill))
        }
        return FittedImpute(fills: fills)
    }

    static func cell(_ key: String, like column: Column) -> Cell {
        switch column.type {
        case .number: .number(Double(key) ?? .nan)
        case .bool: .bool(key == "true")
        case .string: .string(key)
        }
    }
}

/// Fitted `impute`: the fill value of each column.
public struct FittedImpute: FittedStage {
    public var fills: [(String, Cell)]

    public func transform(_ data: Dataset) throws(LearnError) -> Dataset {
        var replaced: [String: Column] = [:]
        for (name, fill) in fills {
            let column = try StageColumns.require(name, in: data, stage: "impute")
            switch (column.values, fill) {
            case (.number(let v), .number(let x)):
                replaced[name] = Column(name, .number(v.map { $0.isNaN ? x : $0 }))
            case (.bool(let v), .bool(let b)):
                replaced[name] = Column(name, .bool(v.map { $0 < 0 ? (b ? 1 : 0) : $0 }))
            case (.string(let s), .string(let text)):
                var dictionary = s.dictionary
                let code = Int32(dictionary.firstIndex(of: text) ?? { dictionary.append(text); return dictionary.count - 1 }())
                replaced[name] = Column(name, .string(StringColumn(dictionary: dictionary, codes: s.codes.map { $0 < 0 ? code : $0 })))
            default:
                throw LearnError("`impute` was fitted on `\(name)` with other values than it now holds (\(column.type.rawValue)s)")
            }
        }
        return try StageColumns.replacing(data, replaced, stage: "impute")
    }

    public var summary: [(String, String)] {
        fills.map { name, fill in
            switch fill {
            case .number(let x): (name, StageColumns.format(x))
            case .string(let s): (name, s)
            case .bool(let b): (name, b ? "true" : "false")
            case .missing: (name, "missing")
            }
        }
    }
}

extension ColumnValues {
    /// The numbers of a number column; nil for other types.
    var numbers: [Double]? {
        if case .number(let v) = self { return v }
        return nil
    }
}
