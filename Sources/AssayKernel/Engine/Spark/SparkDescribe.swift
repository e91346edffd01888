import AssayFrame
import SparkConnect

/// `describe` on the cluster: one aggregation for every column's counts and statistics (exact
/// quartiles, linearly interpolated, as the embedded engine computes them), and for string and
/// bool columns one small query each for the most frequent value.
struct SparkDescribe {
    let engine: SparkEngine

    func summaries(of table: SparkTable) throws(EngineError) -> [ColumnSummary] {
        let fields = table.schema.fields
        var outputs: [SparkExpression] = [SparkExpression.call("count", .integer(1)).cast(to: "double").named("rows")]
        var names = ["rows"]
        func add(_ expression: SparkExpression, _ name: String) {
            outputs.append(expression.cast(to: "double").named(name))
            names.append(name)
        }
        for (i, field) in fields.enumerated() {
            let column = SparkExpression.column(field.name)
            add(.call("count", column), "c\(i)")
            add(.call("count", [column], distinct: true), "d\(i)")
            if field.type == .number {
                add(.call("avg", column), "mean\(i)")
                add(.call("stddev_samp", column), "std\(i)")
                add(.call("min", column), "min\(i)")
                add(.call("max", column), "max\(i)")
                for (q, label) in [(0.25, "q25"), (0.5, "q50"), (0.75, "q75")] {
                    add(.call("percentile", column, .number(q)), "\(label)_\(i)")
                }
            }
        }
        let stats = try engine.fetch(
            table.relation.aggregate(keys: [], outputs), schema: Schema(names.map { Schema.Field($0, .number) }))
        func value(_ name: String) -> Double? {
            guard case .number(let values)? = stats.column(name)?.values, let x = values.first, !x.isNaN else { return nil }
            return x
        }
        let rows = Int(value("rows") ?? 0)
        var summaries: [ColumnSummary] = []
        for (i, field) in fields.enumerated() {
            let count = Int(value("c\(i)") ?? 0)
            var summary = ColumnSummary(name: field.name, type: field.type, count: count, missing: rows - count, distinct: Int(value("d\(i)") ?? 0))
            if field.type == .number {
                summary.mean = value("mean\(i)")
                summary.std = value("std\(i)")
                summary.min = value("min\(i)")
                summary.max = value("max\(i)")
                summary.q25 = value("q25_\(i)")
                summary.median = value("q50_\(i)")
                summary.q75 = value("q75_\(i)")
            } else if count > 0 {
                (summary.top, summary.topCount) = try top(field, of: table)
            }
            summaries.append(summary)
        }
        return summaries
    }

    /// The most frequent value present, ties going to the one that appears first.
    private func top(_ field: Schema.Field, of table: SparkTable) throws(EngineError) -> (String?, Int) {
        let column = SparkExpression.column(field.name)
        let first = SparkPlan.keyColumn
        let counted = SparkPlan.numbered(table.relation).filter(.call("isnotnull", column))
            .aggregate(keys: [column.cast(to: "string").named("value")], [
                SparkExpression.call("count", .integer(1)).cast(to: "double").named("n"),
                SparkExpression.call("min", .column(SparkPlan.rowColumn)).cast(to: "double").named(first),
            ])
            .sorted([SparkExpression.column("n").ordered(descending: true), SparkExpression.column(first).ordered(descending: false)])
            .limit(1)
        let best = try engine.fetch(counted, schema: Schema([.init("value", .string), .init("n", .number), .init(first, .number)]))
        guard best.rowCount > 0, case .string(let values)? = best.column("value")?.values,
            case .number(let counts)? = best.column("n")?.values
        else { return (nil, 0) }
        return (values[0], Int(counts[0]))
    }
}
