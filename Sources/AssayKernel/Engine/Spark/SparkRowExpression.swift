import AssayFrame
import SparkConnect

/// Row expressions as Spark expressions with the embedded engine's semantics.
///
/// Spark tables on this engine hold only doubles, strings and booleans, numbers without NaN (the
/// load normalizes them), so Spark's null is Assay's missing. What differs from Spark's own
/// functions is made explicit here: IEEE division (`1/0` is infinity, `0/0` missing, where Spark
/// gives null or an error), Python's floored `%`, `log` of 0 (negative infinity), `if`, `min`,
/// `max` and `clip` with missing operands, and `in` with a null in its list.
enum SparkRowExpression {
    static func translate(_ expression: RowExpression) -> SparkExpression {
        switch expression {
        case .column(let name, _): return .column(name)
        case .number(let value, _): return .number(value)
        case .string(let value, _): return .string(value)
        case .bool(let value, _): return .bool(value)
        case .null: return .null()
        case .unary(let op, let operand, _):
            let x = translate(operand)
            return op == .negate ? .call("negative", x) : .call("not", x)
        case .binary(let op, let left, let right, _):
            return binary(op, translate(left), translate(right))
        case .call(let name, let arguments, _):
            return call(name, arguments.map(translate))
        case .isIn(let value, let list, let negated, _):
            let x = translate(value)
            var hasNull = false
            var items: [SparkExpression] = []
            for item in list {
                switch item {
                case .null: hasNull = true
                case .number(let n, _) where n.isNaN: hasNull = true
                default: items.append(translate(item))
                }
            }
            var test: SparkExpression = items.isEmpty ? .choose(.isMissing(x), .null(), .bool(false)) : .call("in", [x] + items)
            if hasNull { test = .call("or", .isMissing(x), test) }
            return negated ? .call("not", test) : test
        case .isNull(let operand, let negated, _):
            return .call(negated ? "isnotnull" : "isnull", translate(operand))
        }
    }

    private static func binary(_ op: RowBinaryOperator, _ a: SparkExpression, _ b: SparkExpression) -> SparkExpression {
        switch op {
        case .add: return .call("+", a, b)
        case .subtract: return .call("-", a, b)
        case .multiply: return .call("*", a, b)
        case .divide:
            // IEEE: x/0 is ±infinity, 0/0 is NaN (missing); Spark gives null or fails under ANSI.
            let byZero = SparkExpression.choose(
                .call("or", .call("==", a, .number(0)), .isMissing(a)), .missingNumber,
                .choose(.call(">", a, .number(0)), .number(.infinity), .number(-.infinity)))
            return .choose(.call("==", b, .number(0)), byZero, .call("/", a, b))
        case .remainder:
            // Python's floored remainder; x % 0 is missing.
            return .choose(.call("==", b, .number(0)), .missingNumber, .call("pmod", a, b))
        case .power: return .nanAsMissing(.call("power", a, b))
        case .equal: return .call("==", a, b)
        case .notEqual: return .call("not", .call("==", a, b))
        case .less: return .call("<", a, b)
        case .lessOrEqual: return .call("<=", a, b)
        case .greater: return .call(">", a, b)
        case .greaterOrEqual: return .call(">=", a, b)
        case .and: return .call("and", a, b)
        case .or: return .call("or", a, b)
        }
    }

    private static func call(_ name: String, _ args: [SparkExpression]) -> SparkExpression {
        let x = args.first ?? .null()
        func anyMissing(_ values: [SparkExpression]) -> SparkExpression {
            values.dropFirst().reduce(.isMissing(values.first ?? .null())) { .call("or", $0, .isMissing($1)) }
        }
        switch name {
        case "log":
            return .choose(.call("==", x, .number(0)), .number(-.infinity), .choose(.call("<", x, .number(0)), .missingNumber, .call("ln", x)))
        case "sqrt":
            return .choose(.call("<", x, .number(0)), .missingNumber, .call("sqrt", x))
        case "exp", "abs":
            return .call(name, x)
        case "round":
            // Half to even, as the embedded engine rounds.
            return args.count > 1 ? .call("bround", x, args[1].cast(to: "int")) : .call("bround", x)
        case "floor", "ceil":
            return SparkExpression.call(name, x).cast(to: "double")
        case "min", "max":
            return .choose(anyMissing(args), .null(), .call(name == "min" ? "least" : "greatest", args))
        case "clip":
            // A missing bound is ignored (least/greatest skip nulls); a missing value stays missing.
            var clipped = x
            if args.count > 1 { clipped = .call("greatest", clipped, args[1]) }
            if args.count > 2 { clipped = .call("least", clipped, args[2]) }
            return .choose(.isMissing(x), .null(), clipped)
        case "if":
            guard args.count == 3 else { return .call("if", args) }
            return .choose(.isMissing(args[0]), .null(), .choose(args[0], args[1], args[2]))
        case "len":
            return SparkExpression.call("char_length", x).cast(to: "double")
        default:
            // coalesce, lower, upper, contains: the same name and semantics in Spark.
            return .call(name, args)
        }
    }
}
