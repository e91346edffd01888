#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The row functions, each on whole columns (string functions on the dictionary).
extension RowExpression {
    static func call(_ function: RowFunction, _ arguments: [RowValues], count: Int, _ id: Int)
        throws(RowExpressionError) -> RowValues
    {
        guard function.arity.range.contains(arguments.count), let first = arguments.first else {
            throw .argumentCount(function, got: arguments.count, nodeID: id)
        }
        func numbers(_ value: RowValues) throws(RowExpressionError) -> Operand<Double> {
            guard let x = value.numbers else { throw .unexpected(nodeID: id) }
            return x
        }
        func strings(_ value: RowValues) throws(RowExpressionError) -> StringOperand {
            guard let x = value.strings else { throw .unexpected(nodeID: id) }
            return x
        }
        switch function {
        // log(0) is -inf and log of a negative number is NaN (missing), as IEEE and numpy have it.
        case .log: return RowValues(RowKernel.map(try numbers(first)) { log($0) })
        case .exp: return RowValues(RowKernel.map(try numbers(first)) { exp($0) })
        case .sqrt: return RowValues(RowKernel.map(try numbers(first)) { $0.squareRoot() })
        case .abs: return RowValues(RowKernel.map(try numbers(first)) { $0.magnitude })
        case .floor: return RowValues(RowKernel.map(try numbers(first)) { $0.rounded(.down) })
        case .ceil: return RowValues(RowKernel.map(try numbers(first)) { $0.rounded(.up) })
        case .round:
            let x = try numbers(first)
            guard arguments.count == 2 else { return RowValues(RowKernel.map(x) { $0.rounded(.toNearestOrEven) }) }
            return RowValues(RowKernel.zip(x, try numbers(arguments[1]), rounded(_:digits:)))
        case .min, .max:
            var result = try numbers(first)
            for argument in arguments.dropFirst() {
                result = RowKernel.zip(result, try numbers(argument)) { p, q in
                    p.isNaN || q.isNaN ? .nan : (function == .min ? Swift.min(p, q) : Swift.max(p, q))
                }
            }
            return RowValues(result)
        case .clip:
            let x = try numbers(first), low = try numbers(arguments[1]), high = try numbers(arguments[2])
            if case .scalar(let v) = x, case .scalar(let l) = low, case .scalar(let h) = high {
                return .number(clipped(v, l, h))
            }
            let xs = x.values(count: count), lows = low.values(count: count), highs = high.values(count: count)
            let n = Swift.min(xs.count, lows.count, highs.count)
            return .numbers((0..<n).map { clipped(xs[$0], lows[$0], highs[$0]) })
        case .if:
            guard let condition = first.bools else { throw .unexpected(nodeID: id) }
            return try choose(condition, arguments[1], arguments[2], count: count, id)
        case .coalesce:
            var result = first
            for argument in arguments.dropFirst() {
                result = try choose(result.presence(count: count), result, argument, count: count, id)
            }
            return result
        case .lower, .upper:
            let transform: (String) -> String = function == .lower ? { $0.lowercased() } : { $0.uppercased() }
            switch try strings(first) {
            case .vector(let column): return .strings(column.mappingDictionary(transform))
            case .scalar(let s): return .string(s.map(transform))
            }
        case .len:
            switch try strings(first) {
            case .vector(let column):
                let table = column.dictionary.map { Double($0.unicodeScalars.count) }
                return .numbers(RowKernel.gather(table, column.codes, missing: .nan))
            case .scalar(let s): return .number(s.map { Double($0.unicodeScalars.count) } ?? .nan)
            }
        case .contains:
            return containing(try strings(first), try strings(arguments[1]))
        }
    }

    /// `round(x, digits)` as numpy: scale, round half to even, scale back; digits are truncated to
    /// an integer and a missing digit count gives missing.
    static func rounded(_ x: Double, digits: Double) -> Double {
        guard !x.isNaN, !digits.isNaN else { return .nan }
        let d = Swift.max(-308, Swift.min(308, digits.rounded(.towardZero)))
        if d >= 0 {
            let scale = pow(10, d)
            let y = (x * scale).rounded(.toNearestOrEven) / scale
            return y.isFinite ? y : x  // too large to have digits after the point
        }
        let scale = pow(10, -d)
        return (x / scale).rounded(.toNearestOrEven) * scale
    }

    /// A missing bound is no bound; a missing value stays missing.
    static func clipped(_ x: Double, _ low: Double, _ high: Double) -> Double {
        guard !x.isNaN else { return .nan }
        var y = x
        if !low.isNaN && y < low { y = low }
        if !high.isNaN && y > high { y = high }
        return y
    }

    /// `if(condition, a, b)` row by row; a missing condition gives a missing value.
    static func choose(_ condition: Operand<Int8>, _ a: RowValues, _ b: RowValues, count: Int, _ id: Int)
        throws(RowExpressionError) -> RowValues
    {
        if case .scalar(let c) = condition {
            return c == 1 ? a : (c == 0 ? b : a.missingValue(or: b))
        }
        let conditions = condition.values(count: count)
        if a.isString || b.isString {
            guard let x = a.strings, let y = b.strings else { throw .unexpected(nodeID: id) }
            let p = x.column(count: count), q = y.column(count: count)
            let offset = Int32(p.dictionary.count)
            let n = Swift.min(conditions.count, p.codes.count, q.codes.count)
            let codes = (0..<n).map { row -> Int32 in
                switch conditions[row] {
                case 1: return p.codes[row]
                case 0: return q.codes[row] < 0 ? -1 : q.codes[row] + offset
                default: return -1
                }
            }
            // Merging the two dictionaries can repeat a string; mapping folds equal entries together.
            return .strings(StringColumn(dictionary: p.dictionary + q.dictionary, codes: codes).mappingDictionary { $0 })
        }
        if let x = a.numbersOnly ?? (b.numbersOnly != nil ? a.numbers : nil), let y = b.numbers {
            let p = x.values(count: count), q = y.values(count: count)
            let n = Swift.min(conditions.count, p.count, q.count)
            return .numbers((0..<n).map { conditions[$0] == 1 ? p[$0] : (conditions[$0] == 0 ? q[$0] : .nan) })
        }
        if let x = a.bools, let y = b.bools {
            let p = x.values(count: count), q = y.values(count: count)
            let n = Swift.min(conditions.count, p.count, q.count)
            return .bools((0..<n).map { conditions[$0] == 1 ? p[$0] : (conditions[$0] == 0 ? q[$0] : -1) })
        }
        throw .unexpected(nodeID: id)
    }

    private static func containing(_ text: StringOperand, _ part: StringOperand) -> RowValues {
        /// Python's `in`: every string contains the empty string.
        func contains(_ s: String, _ p: String) -> Int8 { p.isEmpty || s.contains(p) ? 1 : 0 }
        switch (text, part) {
        case (.scalar(let s), .scalar(let p)):
            guard let s, let p else { return .bool(-1) }
            return .bool(contains(s, p))
        case (.vector(let column), .scalar(let p)):
            guard let p else { return .bool(-1) }
            return .bools(RowKernel.gather(column.dictionary.map { contains($0, p) }, column.codes, missing: -1))
        case (.scalar(let s), .vector(let column)):
            guard let s else { return .bool(-1) }
            return .bools(RowKernel.gather(column.dictionary.map { contains(s, $0) }, column.codes, missing: -1))
        case (.vector(let texts), .vector(let parts)):
            let n = Swift.min(texts.codes.count, parts.codes.count)
            return .bools(
                (0..<n).map { row in
                    guard let s = texts.entry(texts.codes[row]), let p = parts.entry(parts.codes[row]) else { return -1 }
                    return contains(s, p)
                })
        }
    }
}

extension RowValues {
    /// 1 where a value is present, 0 where missing: the condition `coalesce` chooses with.
    func presence(count: Int) -> Operand<Int8> {
        switch self {
        case .numbers(let xs): .vector(xs.map { $0.isNaN ? 0 : 1 })
        case .number(let x): .scalar(x.isNaN ? 0 : 1)
        case .strings(let s): .vector(s.codes.map { s.entry($0) == nil ? 0 : 1 })
        case .string(let s): .scalar(s == nil ? 0 : 1)
        case .bools(let xs): .vector(xs.map { $0 < 0 ? 0 : 1 })
        case .bool(let x): .scalar(x < 0 ? 0 : 1)
        case .null: .scalar(0)
        }
    }

    /// A missing scalar of the type of `self`, or of `other` when `self` is `null`.
    func missingValue(or other: RowValues) -> RowValues {
        switch self {
        case .numbers, .number: .number(.nan)
        case .strings, .string: .string(nil)
        case .bools, .bool: .bool(-1)
        case .null: other.isNull ? .null : other.missingValue(or: .null)
        }
    }

    var isNull: Bool {
        if case .null = self { true } else { false }
    }
}

extension StringOperand {
    /// A column of `count` rows; a scalar becomes a one-entry dictionary.
    func column(count: Int) -> StringColumn {
        switch self {
        case .vector(let column): column
        case .scalar(let s): StringColumn(dictionary: s.map { [$0] } ?? [], codes: Array(repeating: s == nil ? -1 : 0, count: count))
        }
    }
}
