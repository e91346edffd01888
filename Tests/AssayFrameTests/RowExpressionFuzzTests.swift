import AssayFrame
import Testing

/// Random expressions over awkward values: whatever checks must evaluate to a column of the
/// checked type and the right length, whatever doesn't check must not evaluate, and nothing traps.
@Suite struct RowExpressionFuzzTests {
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func pick<T>(_ values: [T]) -> T { values[next(values.count)] }
    }

    let d: Dataset

    init() throws {
        d = try Dataset(columns: [
            Column("x", numbers: [0, -0.0, .nan, .infinity, -.infinity, 1e308, -.leastNonzeroMagnitude, 3]),
            Column("y", numbers: [.nan, .nan, 2, 0, -1, 1e308, 7, 0.5]),
            Column("s", .string(StringColumn(dictionary: ["", "a", "A", "ß", "a", "émoji😀"], codes: [0, 1, -1, 2, 3, 4, 5, 1]))),
            Column("p", bools: [true, false, nil, true, nil, false, true, nil]),
        ])
    }

    func expression(_ random: inout Random, depth: Int) -> RowExpression {
        let id = random.next(1000)
        if depth == 0 || random.next(4) == 0 {
            switch random.next(8) {
            case 0, 1, 2: return .column(random.pick(["x", "y", "s", "p", "nope"]), id: id)
            case 3: return .number(random.pick([0, -0.0, 1, -1, 2.5, .nan, .infinity, 1e300, 400]), id: id)
            case 4: return .string(random.pick(["", "a", "ß", "zz"]), id: id)
            case 5: return .bool(random.next(2) == 0, id: id)
            default: return .null(id: id)
            }
        }
        let sub = { (random: inout Random) in expression(&random, depth: depth - 1) }
        switch random.next(6) {
        case 0: return .unary(random.pick([.negate, .not]), sub(&random), id: id)
        case 1, 2:
            let ops: [RowBinaryOperator] = [
                .add, .subtract, .multiply, .divide, .remainder, .power, .equal, .notEqual, .less, .lessOrEqual, .greater,
                .greaterOrEqual, .and, .or,
            ]
            return .binary(random.pick(ops), sub(&random), sub(&random), id: id)
        case 3:
            let names = ["log", "exp", "sqrt", "abs", "round", "floor", "ceil", "min", "max", "clip", "if", "coalesce", "lower", "upper", "len", "contains", "mean"]
            return .call(random.pick(names), (0..<random.next(4)).map { _ in sub(&random) }, id: id)
        case 4:
            let list = (0..<random.next(4)).map { _ in expression(&random, depth: 0) }
            return .isIn(sub(&random), list, negated: random.next(2) == 0, id: id)
        default:
            return .isNull(sub(&random), negated: random.next(2) == 0, id: id)
        }
    }

    @Test(arguments: 0..<4)
    func checkedExpressionsEvaluate(seed: Int) {
        var random = Random(state: UInt64(seed) &+ 12345)
        for _ in 0..<1500 {
            let e = expression(&random, depth: 4)
            guard let type = try? e.check(in: d) else {
                #expect(rowError { try e.evaluate(on: d, name: "r") } != nil, "\(e)")
                continue
            }
            do {
                let column = try e.evaluate(on: d, name: "r")
                #expect(column.count == d.rowCount, "\(e)")
                let expected: ColumnType = switch type {
                case .number, .null: .number
                case .string: .string
                case .bool: .bool
                }
                #expect(column.type == expected, "\(e)")
                if type == .bool { _ = try d.filter(e) }
                _ = try d.derive([(name: "x", expression: e)])
            } catch {
                Issue.record("\(e) checked as \(type) but failed: \(error)")
            }
        }
    }
}
