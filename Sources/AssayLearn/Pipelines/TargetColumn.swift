import AssayFrame

/// Reads a dataset's target column as a `Target`, inferring the task the way LANGUAGE.md says:
/// strings and bools are classes, and so are numbers whose values are all whole and few.
public enum TargetColumn {
    /// Whole-numbered targets with at most this many distinct values are classes.
    public static let maximumInferredClasses = 10

    /// The task a column implies when the user does not say.
    public static func inferredTask(_ column: Column) -> LearningTask {
        switch column.values {
        case .string, .bool: return .classification
        case .number(let values):
            var distinct = Set<Double>()
            for v in values where !v.isNaN {
                guard v == v.rounded(), abs(v) < 1e15 else { return .regression }
                distinct.insert(v)
                if distinct.count > maximumInferredClasses { return .regression }
            }
            return .classification
        }
    }

    /// The target of a training set: every row needs a value, and there must be something to learn.
    public static func read(_ data: Dataset, column name: String, task: LearningTask?) throws(LearnError) -> Target {
        let column = try require(data, name)
        let missing = (0..<column.count).reduce(0) { $0 + (column.isMissing($1) ? 1 : 0) }
        if missing > 0 {
            throw LearnError(
                "the target `\(name)` has \(missing) missing value\(missing == 1 ? "" : "s")",
                help: "drop those rows first: `data | dropna \(name)`")
        }
        guard data.rowCount > 0 else { throw LearnError("there are no rows to learn from") }
        let task = task ?? inferredTask(column)
        switch task {
        case .classification:
            let keys = CategoryCounts.rowKeys(column)
            var classes = Array(Set(keys.compactMap { $0 }))
            sortClasses(&classes, numeric: column.type == .number)
            guard classes.count >= 2 else {
                throw LearnError(
                    "the target `\(name)` has a single value, \(quoted(classes.first ?? "")), so there is nothing to learn",
                    help: "check the filter that built this dataset, or choose another target")
            }
            var index: [String: Int32] = [:]
            for (i, c) in classes.enumerated() { index[c] = Int32(i) }
            return .classes(labels: keys.map { $0.flatMap { index[$0] } ?? -1 }, classes: classes)
        case .regression:
            guard case .number(let values) = column.values else {
                throw LearnError(
                    "the target `\(name)` holds \(column.type.rawValue)s, and regression needs numbers",
                    help: "leave out `task=\"regression\"`: \(column.type.rawValue) targets are classes")
            }
            if let first = values.first, values.allSatisfy({ $0 == first }) {
                throw LearnError(
                    "the target `\(name)` is constant (\(StageColumns.format(first))), so there is nothing to learn",
                    help: "choose another target")
            }
            return .values(values)
        }
    }

    /// The target of data a fitted model is scored on, with the model's own classes; a class the
    /// model never saw is an error.
    public static func read(_ data: Dataset, column name: String, classes: [String]?) throws(LearnError) -> Target {
        let column = try require(data, name)
        guard let classes else {
            guard case .number(let values) = column.values else {
                throw LearnError("the target `\(name)` holds \(column.type.rawValue)s, and this model predicts numbers")
            }
            if values.contains(where: \.isNaN) {
                throw LearnError("the target `\(name)` has missing values", help: "drop those rows first: `data | dropna \(name)`")
            }
            return .values(values)
        }
        var index: [String: Int32] = [:]
        for (i, c) in classes.enumerated() { index[c] = Int32(i) }
        var labels: [Int32] = []
        labels.reserveCapacity(column.count)
        for key in CategoryCounts.rowKeys(column) {
            guard let key else {
                throw LearnError("the target `\(name)` has missing values", help: "drop those rows first: `data | dropna \(name)`")
            }
            guard let label = index[key] else {
                throw LearnError(
                    "the target `\(name)` has the class \(quoted(key)), which the model never saw in training",
                    help: "the model knows " + classes.map(quoted).joined(separator: ", "))
            }
            labels.append(label)
        }
        return .classes(labels: labels, classes: classes)
    }

    static func require(_ data: Dataset, _ name: String) throws(LearnError) -> Column {
        if let column = data.column(name) { return column }
        let suggestion = StageColumns.closest(to: name, in: data.columnNames)
        throw LearnError(
            "unknown target column `\(name)`",
            help: suggestion.map { "did you mean `\($0)`?" } ?? "the columns are " + data.columnNames.map { "`\($0)`" }.joined(separator: ", "))
    }

    /// Numbers numerically, text lexicographically, so the same data always gives the same order.
    static func sortClasses(_ classes: inout [String], numeric: Bool) {
        if numeric {
            classes.sort { (Double($0) ?? 0) < (Double($1) ?? 0) }
        } else {
            classes.sort()
        }
    }

    static func quoted(_ s: String) -> String { "\"\(s)\"" }
}
