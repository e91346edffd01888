import AssayFrame
import Foundation

/// `log(COLS)`: x ↦ log(1 + x); values at or below −1 become missing. Number columns by default.
/// Nothing is learned: it is its own fitted stage once its columns are resolved.
public struct LogOnePlus: Stage {
    public var columns: ColumnSelector

    public init(_ columns: ColumnSelector = .numeric) {
        self.columns = columns
    }

    public var kind: String { "log" }

    public func fit(_ data: Dataset, context: FitContext) throws(LearnError) -> any FittedStage {
        FittedLogOnePlus(columns: try columns.resolve(in: data, stage: kind, accepts: [.number]))
    }
}

/// Fitted `log`: the columns it transforms. Saved as `{"columns": ["fare"]}`.
public struct FittedLogOnePlus: FittedStage, Codable {
    public var columns: [String]

    public func transform(_ data: Dataset) throws(LearnError) -> Dataset {
        var replaced: [String: Column] = [:]
        for name in columns {
            let values = try StageColumns.numbers(name, in: data, stage: "log")
            replaced[name] = Column(name, .number(values.map { $0 > -1 ? log1p($0) : .nan }))
        }
        return try StageColumns.replacing(data, replaced, stage: "log")
    }

    public var summary: [(String, String)] { columns.map { ($0, "log(1 + x)") } }
}
