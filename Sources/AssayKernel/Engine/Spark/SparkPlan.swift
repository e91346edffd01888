import AssayFrame
import SparkConnect

/// Data operations as Spark plans, with the embedded engine's semantics where Spark's differ:
/// `sort` is stable with missing values last, `group` lists groups in order of first appearance
/// and its `first`/`last` are the first and last values present, `join` names a right column
/// that clashes `NAME_right` and keeps the left columns first, `sample N` draws exactly N rows.
///
/// "Order" is the order of the input plan's rows (Spark's `monotonically_increasing_id`), which
/// is the file's order for a file read by one task and the partitions' order otherwise.
enum SparkPlan {
    /// A column for bookkeeping, dropped before the user sees the table.
    static let rowColumn = "__assay_row"
    static let keyColumn = "__assay_key"

    static func apply(_ operation: DataOperation, to input: SparkRelation, schema: Schema, other: (SparkRelation, Schema)?) -> SparkRelation {
        switch operation {
        case .filter(let predicate):
            return input.filter(SparkRowExpression.translate(predicate))
        case .derive(let definitions):
            // One node per column: later definitions may use earlier ones.
            return definitions.reduce(input) { plan, definition in
                plan.withColumns([(definition.name, SparkRowExpression.translate(definition.expression))])
            }
        case .select(let columns):
            return input.project(columns.map(SparkExpression.column))
        case .drop(let columns):
            return input.drop(columns)
        case .rename(let pairs):
            return input.renamed(pairs)
        case .sort(let keys):
            let order = keys.map { SparkExpression.column($0.column).ordered(descending: $0.order == .descending) }
            return numbered(input).sorted(order + [SparkExpression.column(rowColumn).ordered(descending: false)]).drop([rowColumn])
        case .head(let count):
            return input.limit(count)
        case .tail(let count):
            return input.tail(count)
        case .sampleFraction(let fraction, let seed):
            return input.sample(fraction: fraction, seed: seed)
        case .sampleCount(let count, let seed):
            let draw = SparkExpression.call("rand", .integer(Int(truncatingIfNeeded: seed)))
            return input.withColumns([(keyColumn, draw)]).sorted([SparkExpression.column(keyColumn).ordered(descending: false)])
                .limit(count).drop([keyColumn])
        case .dropMissing(let columns):
            return input.droppingMissing(columns ?? [])
        case .distinct(let columns):
            return input.deduplicated(columns)
        case .group(let keys, let aggregations):
            var outputs = aggregations.map { aggregate($0).named($0.name) }
            outputs.append(SparkExpression.call("min", .column(rowColumn)).named(keyColumn))
            return numbered(input).aggregate(keys: keys.map(SparkExpression.column), outputs)
                .sorted([SparkExpression.column(keyColumn).ordered(descending: false)]).drop([keyColumn])
        case .join(_, let keys, let kind):
            guard let (right, rightSchema) = other else { return input }
            let taken = Set(schema.names)
            let clashes = rightSchema.names.filter { taken.contains($0) && !keys.contains($0) }
            let renamedRight = clashes.isEmpty ? right : right.renamed(clashes.map { ($0, $0 + "_right") })
            let rightNames = rightSchema.names.filter { !keys.contains($0) }.map { clashes.contains($0) ? $0 + "_right" : $0 }
            // A USING join puts the keys first; the embedded engine keeps the left columns' order.
            return input.joined(renamedRight, using: keys, left: kind == .left)
                .project((schema.names + rightNames).map(SparkExpression.column))
        }
    }

    /// The schema a data operation gives, known without asking the cluster where it is simple.
    static func numbered(_ input: SparkRelation) -> SparkRelation {
        input.withColumns([(rowColumn, .call("monotonically_increasing_id"))])
    }

    private static func aggregate(_ aggregation: Aggregation) -> SparkExpression {
        let column = aggregation.column.map(SparkExpression.column) ?? .integer(1)
        let number = column.cast(to: "double")
        switch aggregation.function {
        // Counts are doubles in the kernel, as every number is.
        case .count: return SparkExpression.call("count", column).cast(to: "double")
        case .mean: return .call("avg", number)
        case .sum: return .call("coalesce", .call("sum", number), .number(0))
        case .min: return .call("min", column)
        case .max: return .call("max", column)
        case .median: return .call("percentile", number, .number(0.5))
        case .std: return .call("stddev_samp", number)
        case .variance: return .call("var_samp", number)
        case .distinctCount: return SparkExpression.call("count", [column], distinct: true).cast(to: "double")
        case .first, .last:
            let position = SparkExpression.choose(.isMissing(column), .null(), .column(rowColumn))
            return .call(aggregation.function == .first ? "min_by" : "max_by", column, position)
        }
    }

    // MARK: split

    /// `split`: each part the rows whose draw falls in its slice of [0, 1). The draw hashes the
    /// row's values with the seed, so the parts are disjoint and cover the table however often
    /// and wherever the plan runs. With `stratify`, rows are ranked by that draw within their
    /// class and each class is cut at the same fractions, as the embedded engine does.
    static func split(_ input: SparkRelation, schema: Schema, fractions: [Double], stratify: String?, seed: UInt64) -> [SparkRelation] {
        let hash = SparkExpression.call("xxhash64", [.integer(Int(truncatingIfNeeded: seed))] + schema.names.map(SparkExpression.column))
        let drawn: SparkRelation
        if let stratify {
            let rank = "(row_number() OVER (PARTITION BY \(SparkExpression.quoted(stratify)) ORDER BY \(SparkExpression.quoted(rowColumn))) - 1)"
            let size = "count(1) OVER (PARTITION BY \(SparkExpression.quoted(stratify)))"
            drawn = input.withColumns([(rowColumn, hash)]).withColumns([(keyColumn, .sql("\(rank) / \(size)"))])
        } else {
            let unit = SparkExpression.call("/", .call("pmod", hash, .integer(1 << 52)).cast(to: "double"), .number(Double(1 << 52)))
            drawn = input.withColumns([(keyColumn, unit)])
        }
        var bounds: [Double] = [0]
        for fraction in fractions { bounds.append(min(1, (bounds.last ?? 0) + fraction)) }
        if (bounds.last ?? 1) < 1 - 1e-12 { bounds.append(1) }
        bounds[bounds.count - 1] = 1.0000001
        let key = SparkExpression.column(keyColumn)
        return (0..<(bounds.count - 1)).map { i in
            drawn.filter(.call("and", .call(">=", key, .number(bounds[i])), .call("<", key, .number(bounds[i + 1]))))
                .drop(stratify == nil ? [keyColumn] : [keyColumn, rowColumn])
        }
    }
}
