import AssayFrame
import SparkConnect
import Testing

@testable import AssayKernel

/// A Spark expression as a compact S-expression: function names and their arguments.
private func sexpr(_ e: Spark_Connect_Expression) -> String {
    switch e.exprType {
    case .literal(let literal):
        switch literal.literalType {
        case .double(let x): return x == x.rounded() && x.isFinite ? String(Int(x)) : String(x)
        case .long(let x): return String(x)
        case .string(let s): return "\"\(s)\""
        case .boolean(let b): return String(b)
        case .null: return "null"
        default: return "literal?"
        }
    case .unresolvedAttribute(let a): return a.unparsedIdentifier
    case .unresolvedFunction(let f):
        return "(\(f.functionName)\(f.isDistinct ? " distinct" : "") " + f.arguments.map(sexpr).joined(separator: " ") + ")"
    case .cast(let c): return "(cast \(sexpr(c.expr)) \(c.typeStr))"
    case .alias(let a): return "(as \(sexpr(a.expr)) \(a.name.joined()))"
    case .sortOrder(let o): return "(\(o.direction == .descending ? "desc" : "asc") \(sexpr(o.child)) \(o.nullOrdering == .sortNullsLast ? "last" : "first"))"
    case .expressionString(let s): return "{\(s.expression)}"
    default: return "?"
    }
}

/// The chain of plan nodes from the top down, each with what it holds.
private func nodes(_ r: Spark_Connect_Relation) -> [String] {
    switch r.relType {
    case .filter(let f): return ["filter \(sexpr(f.condition))"] + nodes(f.input)
    case .project(let p): return ["project " + p.expressions.map(sexpr).joined(separator: " ")] + nodes(p.input)
    case .withColumns(let w): return ["with " + w.aliases.map { "\($0.name.joined())=\(sexpr($0.expr))" }.joined(separator: " ")] + nodes(w.input)
    case .drop(let d): return ["drop " + d.columnNames.joined(separator: " ")] + nodes(d.input)
    case .sort(let s):
        let order = s.order.map { order in sexpr(Spark_Connect_Expression.with { $0.sortOrder = order }) }
        return ["sort " + order.joined(separator: " ")] + nodes(s.input)
    case .limit(let l): return ["limit \(l.limit)"] + nodes(l.input)
    case .aggregate(let a):
        return ["aggregate by " + a.groupingExpressions.map(sexpr).joined(separator: " ") + ": " + a.aggregateExpressions.map(sexpr).joined(separator: " ")] + nodes(a.input)
    case .join(let j): return ["join \(j.joinType == .leftOuter ? "left" : "inner") using " + j.usingColumns.joined(separator: " ")] + nodes(j.left)
    case .withColumnsRenamed(let w): return ["rename " + w.renames.map { "\($0.colName)->\($0.newColName)" }.joined(separator: " ")] + nodes(w.input)
    case .read(let read): return ["read \(read.namedTable.unparsedIdentifier)"]
    default: return ["?"]
    }
}

@Suite struct SparkPlanTests {
    private let schema = Schema([.init("x", .number), .init("y", .number), .init("city", .string), .init("member", .bool)])
    private let table = Spark_Connect_Relation.table("t")

    private func x(_ id: Int = 1) -> RowExpression { .column("x", id: id) }

    @Test(arguments: [
        (RowExpression.binary(.divide, .column("x", id: 1), .column("y", id: 2), id: 3),
         "(if (== `y` 0) (if (or (== `x` 0) (isnull `x`)) null (if (> `x` 0) inf -inf)) (/ `x` `y`))"),
        (.binary(.remainder, .column("x", id: 1), .number(7, id: 2), id: 3), "(if (== 7 0) null (pmod `x` 7))"),
        (.call("round", [.column("x", id: 1)], id: 2), "(bround `x`)"),
        (.call("log", [.column("x", id: 1)], id: 2), "(if (== `x` 0) -inf (if (< `x` 0) null (ln `x`)))"),
        (.call("if", [.column("member", id: 1), .number(1, id: 2), .number(0, id: 3)], id: 4),
         "(if (isnull `member`) null (if `member` 1 0))"),
        (.call("len", [.column("city", id: 1)], id: 2), "(cast (char_length `city`) double)"),
        (.isIn(.column("city", id: 1), [.string("a", id: 2), .null(id: 3)], negated: false, id: 4), "(or (isnull `city`) (in `city` \"a\"))"),
        (.isIn(.column("city", id: 1), [.string("a", id: 2)], negated: true, id: 4), "(not (in `city` \"a\"))"),
        (.binary(.notEqual, .column("city", id: 1), .string("b", id: 2), id: 3), "(not (== `city` \"b\"))"),
        (.isNull(.column("x", id: 1), negated: true, id: 2), "(isnotnull `x`)"),
    ])
    func rowExpressionsKeepTheEmbeddedEnginesSemantics(expression: RowExpression, expected: String) {
        #expect(sexpr(SparkRowExpression.translate(expression)) == expected)
    }

    @Test func columnNamesAreQuoted() {
        #expect(SparkExpression.quoted("a b`c") == "`a b``c`")
        #expect(SparkSchema.ddl(schema) == "`x` DOUBLE, `y` DOUBLE, `city` STRING, `member` BOOLEAN")
    }

    @Test func sortIsStableWithMissingLast() throws {
        let plan = SparkPlan.apply(.sort([("city", .descending)]), to: table, schema: schema, other: nil)
        #expect(nodes(plan) == [
            "drop __assay_row",
            "sort (desc `city` last) (asc `__assay_row` last)",
            "with __assay_row=(monotonically_increasing_id )",
            "read t",
        ])
    }

    @Test func groupsComeInOrderOfFirstAppearance() throws {
        let aggregations = [
            Aggregation(name: "n", function: .count, column: nil), Aggregation(name: "m", function: .mean, column: "x"),
            Aggregation(name: "f", function: .first, column: "city"),
        ]
        let plan = SparkPlan.apply(.group(keys: ["city"], aggregations: aggregations), to: table, schema: schema, other: nil)
        #expect(nodes(plan) == [
            "drop __assay_key",
            "sort (asc `__assay_key` last)",
            "aggregate by `city`: (as (cast (count 1) double) n) (as (avg (cast `x` double)) m) "
                + "(as (min_by `city` (if (isnull `city`) null `__assay_row`)) f) (as (min `__assay_row`) __assay_key)",
            "with __assay_row=(monotonically_increasing_id )",
            "read t",
        ])
        let output = try SparkPlan.schema(after: .group(keys: ["city"], aggregations: aggregations), on: schema, other: nil)
        #expect(output.fields == [.init("city", .string), .init("n", .number), .init("m", .number), .init("f", .string)])
    }

    @Test func joinsRenameClashesAndKeepTheLeftColumnsFirst() throws {
        let other = Schema([.init("city", .string), .init("x", .number), .init("size", .number)])
        let operation = DataOperation.join(.local(try Dataset(columns: [])), on: ["city"], kind: .left)
        let plan = SparkPlan.apply(operation, to: table, schema: schema, other: (.table("u"), other))
        #expect(nodes(plan) == ["project `x` `y` `city` `member` `x_right` `size`", "join left using city", "read t"])
        let output = try SparkPlan.schema(after: operation, on: schema, other: other)
        #expect(output.names == ["x", "y", "city", "member", "x_right", "size"])
    }

    @Test func checksRunOnTheSchemaBeforeAnyPlan() {
        #expect(throws: EngineError.self) {
            try SparkPlan.schema(after: .select(["nope"]), on: schema, other: nil)
        }
        #expect(throws: EngineError.self) {
            try SparkPlan.schema(after: .filter(.binary(.add, x(), .number(1, id: 2), id: 3)), on: schema, other: nil)
        }
        let derived = try? SparkPlan.schema(
            after: .derive([.init(name: "big", expression: .binary(.greater, x(), .number(3, id: 2), id: 3))]), on: schema, other: nil)
        #expect(derived?.field("big")?.type == .bool)
    }

    @Test func splitPartsCoverTheUnitIntervalWithoutOverlap() {
        let parts = SparkPlan.split(table, schema: schema, fractions: [0.6, 0.2], stratify: nil, seed: 4)
        #expect(parts.count == 3)
        let bounds = parts.map { part -> String in
            guard case .drop(let drop) = part.relType, case .filter(let filter) = drop.input.relType else { return "?" }
            return sexpr(filter.condition)
        }
        #expect(bounds[0] == "(and (>= `__assay_key` 0) (< `__assay_key` 0.6))")
        #expect(bounds[1].hasPrefix("(and (>= `__assay_key` 0.6) (< `__assay_key` 0.8"))
        #expect(bounds[2].hasPrefix("(and (>= `__assay_key` 0.8") && bounds[2].hasSuffix("1.0000001))"))
    }

    @Test func sparkTypesBecomeAssaysThree() {
        let type = Spark_Connect_DataType.with {
            $0.struct = .with {
                $0.fields = [
                    .with { $0.name = "i"; $0.dataType = .with { $0.integer = .init() } },
                    .with { $0.name = "d"; $0.dataType = .with { $0.double = .init() } },
                    .with { $0.name = "s"; $0.dataType = .with { $0.string = .init() } },
                    .with { $0.name = "b"; $0.dataType = .with { $0.boolean = .init() } },
                    .with { $0.name = "day"; $0.dataType = .with { $0.date = .init() } },
                ]
            }
        }
        let columns = SparkSchema.columns(of: type)
        #expect(SparkSchema.schema(columns).fields == [
            .init("i", .number), .init("d", .number), .init("s", .string), .init("b", .bool), .init("day", .string),
        ])
        #expect(nodes(SparkSchema.normalized(table, columns)) == [
            "with d=(if (isnan `d`) null `d`) day=(cast `day` string)", "read t",
        ])
    }
}
