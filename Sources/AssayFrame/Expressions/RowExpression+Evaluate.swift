#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Vectorized evaluation. Semantics, SQL-like where SQL and pandas agree and SQL where they don't:
/// - arithmetic with a missing operand is missing; division by zero follows IEEE (`1/0` is inf,
///   `0/0` is NaN and so missing); `%` is floored like Python and pandas (`-7 % 3 == 2`);
///   `^` is missing when either side is (IEEE would make `1 ^ NaN` 1).
/// - comparisons with a missing operand are missing; `and`/`or`/`not` are three-valued (Kleene).
/// - `x in [a, b, null]` means `x == a or x == b or x is null`: a missing `x` is true when the
///   list holds `null` and missing otherwise; `not in` negates that.
/// - `if` with a missing condition is missing; `min`/`max` of a missing value are missing (use
///   `coalesce` to pick); `clip` ignores a missing bound (as pandas does).
/// - `round` halves to even like numpy and pandas; `len` counts Unicode scalars like Python.
extension RowExpression {
    public func evaluate(on dataset: Dataset, name: String) throws(RowExpressionError) -> Column {
        _ = try check(in: dataset)
        return try values(on: dataset).column(named: name, count: dataset.rowCount)
    }

    /// The values of a checked expression; type mismatches can't happen here, and if they did
    /// they would be errors, never traps.
    func values(on dataset: Dataset) throws(RowExpressionError) -> RowValues {
        switch self {
        case .column(let name, let id):
            guard let column = dataset.column(name) else { throw .unknownColumn(name, in: dataset, nodeID: id) }
            return RowValues(column)
        case .number(let value, _): return .number(value)
        case .string(let value, _): return .string(value)
        case .bool(let value, _): return .bool(value ? 1 : 0)
        case .null: return .null
        case .unary(let op, let operand, let id):
            let value = try operand.values(on: dataset)
            switch op {
            case .negate:
                guard let x = value.numbers else { throw .unexpected(nodeID: id) }
                return RowValues(RowKernel.map(x) { -$0 })
            case .not:
                guard let x = value.bools else { throw .unexpected(nodeID: id) }
                return RowValues(RowKernel.map(x) { $0 < 0 ? -1 : 1 - $0 })
            }
        case .binary(let op, let left, let right, let id):
            return try Self.binary(op, try left.values(on: dataset), try right.values(on: dataset), id)
        case .call(let name, let arguments, let id):
            guard let function = RowFunction(rawValue: name) else { throw .unknownFunction(name, nodeID: id) }
            var values: [RowValues] = []
            for argument in arguments { values.append(try argument.values(on: dataset)) }
            return try Self.call(function, values, count: dataset.rowCount, id)
        case .isIn(let value, let list, let negated, let id):
            return try Self.isIn(try value.values(on: dataset), list, negated: negated, id)
        case .isNull(let value, let negated, _):
            let missing: Int8 = negated ? 0 : 1
            let present: Int8 = 1 - missing
            switch try value.values(on: dataset) {
            case .numbers(let xs): return .bools(xs.map { $0.isNaN ? missing : present })
            case .number(let x): return .bool(x.isNaN ? missing : present)
            case .strings(let s): return .bools(s.codes.map { s.entry($0) == nil ? missing : present })
            case .string(let s): return .bool(s == nil ? missing : present)
            case .bools(let xs): return .bools(xs.map { $0 < 0 ? missing : present })
            case .bool(let x): return .bool(x < 0 ? missing : present)
            case .null: return .bool(missing)
            }
        }
    }

    // MARK: - Operators

    private static func binary(_ op: RowBinaryOperator, _ a: RowValues, _ b: RowValues, _ id: Int)
        throws(RowExpressionError) -> RowValues
    {
        switch op {
        case .add where a.isString || b.isString:
            guard let x = a.strings, let y = b.strings else { throw .unexpected(nodeID: id) }
            return concatenate(x, y)
        case .add, .subtract, .multiply, .divide, .remainder, .power:
            guard let x = a.numbers, let y = b.numbers else { throw .unexpected(nodeID: id) }
            return RowValues(arithmetic(op, x, y))
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            if let x = a.numbersOnly, let y = b.numbersOnly {
                return RowValues(compare(op, x, y) { $0.isNaN })
            }
            if let x = a.boolsOnly, let y = b.boolsOnly {
                return RowValues(compare(op, x, y) { $0 < 0 })
            }
            guard let x = a.strings, let y = b.strings else { throw .unexpected(nodeID: id) }
            return compareStrings(op, x, y)
        case .and:
            guard let x = a.bools, let y = b.bools else { throw .unexpected(nodeID: id) }
            return RowValues(RowKernel.zip(x, y) { (p: Int8, q: Int8) -> Int8 in p == 0 || q == 0 ? 0 : (p < 0 || q < 0 ? -1 : 1) })
        case .or:
            guard let x = a.bools, let y = b.bools else { throw .unexpected(nodeID: id) }
            return RowValues(RowKernel.zip(x, y) { (p: Int8, q: Int8) -> Int8 in p == 1 || q == 1 ? 1 : (p < 0 || q < 0 ? -1 : 0) })
        }
    }

    private static func arithmetic(_ op: RowBinaryOperator, _ x: Operand<Double>, _ y: Operand<Double>) -> Operand<Double> {
        switch op {
        case .add: RowKernel.zip(x, y, +)
        case .subtract: RowKernel.zip(x, y, -)
        case .multiply: RowKernel.zip(x, y, *)
        case .divide: RowKernel.zip(x, y, /)
        case .remainder: RowKernel.zip(x, y, flooredRemainder)
        default: RowKernel.zip(x, y) { p, q in p.isNaN || q.isNaN ? .nan : pow(p, q) }
        }
    }

    /// Python's `%`: the result takes the divisor's sign; `x % 0` is NaN.
    static func flooredRemainder(_ a: Double, _ b: Double) -> Double {
        let r = fmod(a, b)
        return r != 0 && (r < 0) != (b < 0) ? r + b : r
    }

    /// A comparison as 1 true, 0 false, -1 missing.
    static func compare<T: Comparable>(
        _ op: RowBinaryOperator, _ x: Operand<T>, _ y: Operand<T>, isMissing: (T) -> Bool
    ) -> Operand<Int8> {
        switch op {
        case .equal: RowKernel.zip(x, y) { p, q in isMissing(p) || isMissing(q) ? -1 : (p == q ? 1 : 0) }
        case .notEqual: RowKernel.zip(x, y) { p, q in isMissing(p) || isMissing(q) ? -1 : (p != q ? 1 : 0) }
        case .less: RowKernel.zip(x, y) { p, q in isMissing(p) || isMissing(q) ? -1 : (p < q ? 1 : 0) }
        case .lessOrEqual: RowKernel.zip(x, y) { p, q in isMissing(p) || isMissing(q) ? -1 : (p <= q ? 1 : 0) }
        case .greater: RowKernel.zip(x, y) { p, q in isMissing(p) || isMissing(q) ? -1 : (p > q ? 1 : 0) }
        default: RowKernel.zip(x, y) { p, q in isMissing(p) || isMissing(q) ? -1 : (p >= q ? 1 : 0) }
        }
    }

    /// Strings compare through their dictionaries: against a literal, one comparison per distinct
    /// string gives a table that rows look up by code; two columns compare integer ranks on a
    /// common sorted order.
    private static func compareStrings(_ op: RowBinaryOperator, _ x: StringOperand, _ y: StringOperand) -> RowValues {
        switch (x, y) {
        case (.scalar(let p), .scalar(let q)):
            guard let p, let q else { return .bool(-1) }
            return RowValues(compare(op, .scalar(p), .scalar(q)) { _ in false })
        case (.vector(let column), .scalar(let literal)):
            guard let literal else { return .bool(-1) }
            return .bools(lookUp(op, column, literal))
        case (.scalar(let literal), .vector(let column)):
            guard let literal else { return .bool(-1) }
            return .bools(lookUp(op.mirrored, column, literal))
        case (.vector(let p), .vector(let q)):
            let ranks = StringColumn.ranks([p.dictionary, q.dictionary])
            let left = RowKernel.gather(ranks.first ?? [], p.codes, missing: -1)
            let right = RowKernel.gather(ranks.last ?? [], q.codes, missing: -1)
            return RowValues(compare(op, .vector(left), .vector(right)) { $0 < 0 })
        }
    }

    private static func lookUp(_ op: RowBinaryOperator, _ column: StringColumn, _ literal: String) -> [Int8] {
        guard case .vector(let table) = compare(op, .vector(column.dictionary), .scalar(literal), isMissing: { _ in false })
        else { return [] }
        return RowKernel.gather(table, column.codes, missing: -1)
    }

    private static func concatenate(_ x: StringOperand, _ y: StringOperand) -> RowValues {
        switch (x, y) {
        case (.scalar(let p), .scalar(let q)):
            guard let p, let q else { return .string(nil) }
            return .string(p + q)
        case (.vector(let column), .scalar(let suffix)):
            guard let suffix else { return .string(nil) }
            return .strings(column.mappingDictionary { $0 + suffix })
        case (.scalar(let prefix), .vector(let column)):
            guard let prefix else { return .string(nil) }
            return .strings(column.mappingDictionary { prefix + $0 })
        case (.vector(let p), .vector(let q)):
            // One new string per distinct pair of codes, not per row.
            var pairs: [UInt64: Int32] = [:]
            var index: [String: Int32] = [:]
            var dictionary: [String] = []
            let count = min(p.codes.count, q.codes.count)
            var codes = [Int32](repeating: -1, count: count)
            for row in 0..<count {
                let a = p.codes[row], b = q.codes[row]
                let key = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
                if let code = pairs[key] { codes[row] = code; continue }
                var code: Int32 = -1
                if let s = p.entry(a), let t = q.entry(b) {
                    let joined = s + t
                    if let existing = index[joined] {
                        code = existing
                    } else {
                        code = Int32(dictionary.count)
                        index[joined] = code
                        dictionary.append(joined)
                    }
                }
                pairs[key] = code
                codes[row] = code
            }
            return .strings(StringColumn(dictionary: dictionary, codes: codes))
        }
    }

    // MARK: - Membership

    private static func isIn(_ value: RowValues, _ list: [RowExpression], negated: Bool, _ id: Int)
        throws(RowExpressionError) -> RowValues
    {
        var numbers: Set<Double> = []
        var strings: Set<String> = []
        var bools: Set<Int8> = []
        var hasNull = false
        for item in list {
            switch item {
            case .number(let x, _): if x.isNaN { hasNull = true } else { numbers.insert(x) }
            case .unary(.negate, .number(let x, _), _): if x.isNaN { hasNull = true } else { numbers.insert(-x) }
            case .string(let s, _): strings.insert(s)
            case .bool(let b, _): bools.insert(b ? 1 : 0)
            case .null: hasNull = true
            default: throw .notALiteral(nodeID: item.id)
            }
        }
        // `x in [a, null]` is `x == a or x is null`: missing x is true with null in the list.
        let missing: Int8 = hasNull ? (negated ? 0 : 1) : -1
        let found: Int8 = negated ? 0 : 1
        let absent: Int8 = 1 - found
        switch value {
        case .numbers(let xs): return .bools(xs.map { $0.isNaN ? missing : (numbers.contains($0) ? found : absent) })
        case .number(let x): return .bool(x.isNaN ? missing : (numbers.contains(x) ? found : absent))
        case .strings(let column):
            let table = column.dictionary.map { strings.contains($0) ? found : absent }
            return .bools(RowKernel.gather(table, column.codes, missing: missing))
        case .string(let s):
            guard let s else { return .bool(missing) }
            return .bool(strings.contains(s) ? found : absent)
        case .bools(let xs): return .bools(xs.map { $0 < 0 ? missing : (bools.contains($0) ? found : absent) })
        case .bool(let x): return .bool(x < 0 ? missing : (bools.contains(x) ? found : absent))
        case .null: return .bool(missing)
        }
    }
}

extension RowBinaryOperator {
    /// The operator with its operands swapped: `3 < x` is `x > 3`.
    var mirrored: RowBinaryOperator {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }
}

extension RowValues {
    var isString: Bool {
        switch self {
        case .strings, .string: true
        default: false
        }
    }

    /// Numbers, not `null`: lets a comparison tell its operand types apart.
    var numbersOnly: Operand<Double>? {
        switch self {
        case .numbers, .number: numbers
        default: nil
        }
    }

    var boolsOnly: Operand<Int8>? {
        switch self {
        case .bools, .bool: bools
        default: nil
        }
    }
}
