import AssayFrame
import Foundation

/// A feature stage: an estimator that learns statistics from the data it is fitted on (and only
/// there) and gives a transformer. Stages see feature columns only: the pipeline removes the
/// target column first.
public protocol Stage: Sendable {
    /// The name the language uses for it: `impute`, `scale`, `onehot`, ...
    var kind: String { get }
    func fit(_ data: Dataset, context: FitContext) throws(LearnError) -> any FittedStage
}

/// A fitted stage: it transforms datasets with what it learned.
public protocol FittedStage: Sendable {
    func transform(_ data: Dataset) throws(LearnError) -> Dataset
    /// The fitted statistics to display: (column or item, statistic).
    var summary: [(String, String)] { get }
}

/// Which columns a stage touches: named ones, or every column of a kind the stage can use.
public enum ColumnSelector: Sendable, Hashable {
    case names([String])
    /// Number columns.
    case numeric
    /// String and bool columns.
    case categorical
    /// Every column the stage can use.
    case all
    /// Every column the stage can use but these.
    case except([String])

    /// The columns to use, in dataset order for the kinds and in the given order for names.
    /// Named columns must exist and be of a type the stage accepts; the kinds silently take the
    /// columns of accepted types.
    func resolve(in data: Dataset, stage: String, accepts: Set<ColumnType>) throws(LearnError) -> [String] {
        switch self {
        case .names(let names):
            for name in names {
                let column = try StageColumns.require(name, in: data, stage: stage)
                guard accepts.contains(column.type) else {
                    throw LearnError(
                        "`\(stage)` needs \(StageColumns.describe(accepts)) columns, and `\(name)` holds \(column.type.rawValue)s",
                        help: StageColumns.help(for: column.type, stage: stage))
                }
            }
            return names
        case .numeric:
            return data.columns.filter { $0.type == .number && accepts.contains(.number) }.map(\.name)
        case .categorical:
            return data.columns.filter { ($0.type == .string || $0.type == .bool) && accepts.contains($0.type) }.map(\.name)
        case .all:
            return data.columns.filter { accepts.contains($0.type) }.map(\.name)
        case .except(let excluded):
            for name in excluded { _ = try StageColumns.require(name, in: data, stage: stage) }
            return data.columns.filter { accepts.contains($0.type) && !excluded.contains($0.name) }.map(\.name)
        }
    }
}

/// Column lookups, errors and number formatting the stages share.
enum StageColumns {
    static func require(_ name: String, in data: Dataset, stage: String) throws(LearnError) -> Column {
        if let column = data.column(name) { return column }
        let suggestion = closest(to: name, in: data.columnNames)
        throw LearnError(
            "unknown column `\(name)` in `\(stage)`",
            help: suggestion.map { "did you mean `\($0)`?" } ?? "the columns are \(data.columnNames.map { "`\($0)`" }.joined(separator: ", "))")
    }

    /// The numbers of a column the stage was fitted on; an error when it is gone or changed type.
    static func numbers(_ name: String, in data: Dataset, stage: String) throws(LearnError) -> [Double] {
        let column = try require(name, in: data, stage: stage)
        guard case .number(let values) = column.values else {
            throw LearnError("`\(stage)` needs numbers, and `\(name)` holds \(column.type.rawValue)s", help: help(for: column.type, stage: stage))
        }
        return values
    }

    static func describe(_ types: Set<ColumnType>) -> String {
        ColumnType.allCases.filter(types.contains).map(\.rawValue).joined(separator: " or ")
    }

    static func help(for type: ColumnType, stage: String) -> String? {
        type == .string ? "encode strings first: `onehot(...)` or `index(...)`" : nil
    }

    /// A new dataset from columns, or an error naming a clash.
    static func dataset(_ columns: [Column], stage: String) throws(LearnError) -> Dataset {
        do {
            return try Dataset(columns: columns)
        } catch {
            throw LearnError("`\(stage)` would make an invalid dataset: \(error.message)", help: error.help)
        }
    }

    /// The dataset with named columns replaced in place.
    static func replacing(_ data: Dataset, _ replacements: [String: Column], stage: String) throws(LearnError) -> Dataset {
        try dataset(data.columns.map { replacements[$0.name] ?? $0 }, stage: stage)
    }

    /// The closest name within an edit distance of a third of the name's length (at least 2).
    static func closest(to name: String, in names: [String]) -> String? {
        let limit = max(2, name.count / 3)
        return names.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= limit }.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }

    /// Four significant digits, for summaries.
    static func format(_ x: Double) -> String {
        if x.isNaN { return "missing" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return String(format: "%.4g", x)
    }

    /// A category's text: strings as they are, bools as true/false, whole numbers without a point.
    static func key(_ cell: Cell) -> String? {
        switch cell {
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
        case .missing: nil
        }
    }

    /// The sample quantile at q in [0, 1] with linear interpolation (numpy's default) of sorted values.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
    }
}

/// Category counts of one column: values as text with their frequency, most frequent first and
/// ties in the column's natural order (numbers numerically, strings and bools as text).
struct CategoryCounts {
    var keys: [String]
    var counts: [Int]

    init(_ column: Column) {
        var count: [String: Int] = [:]
        var order: [String: Double] = [:]
        for row in 0..<column.count {
            let cell = column[row]
            guard let key = StageColumns.key(cell) else { continue }
            count[key, default: 0] += 1
            if case .number(let x) = cell { order[key] = x }
        }
        let sorted = count.sorted { a, b in
            if a.value != b.value { return a.value > b.value }
            if let x = order[a.key], let y = order[b.key] { return x < y }
            return a.key < b.key
        }
        keys = sorted.map(\.key)
        counts = sorted.map(\.value)
    }

    /// Each row's category text, nil when missing.
    static func rowKeys(_ column: Column) -> [String?] {
        switch column.values {
        case .string(let s):
            return s.codes.map { $0 < 0 || Int($0) >= s.dictionary.count ? nil : s.dictionary[Int($0)] }
        default:
            return (0..<column.count).map { StageColumns.key(column[$0]) }
        }
    }
}
