import AssayLanguage
import Foundation

/// The scalar functions' behavior; their names and parameters come from the help catalog.
enum ScalarFunction {
    /// Evaluated arguments in parameter order (nil for a left-out optional one) and their spans.
    struct Arguments {
        var values: [Value?]
        var spans: [SourceSpan]
        var call: SourceSpan

        subscript(index: Int) -> Value { index < values.count ? values[index] ?? .null : .null }

        func span(_ index: Int) -> SourceSpan { index < spans.count ? spans[index] : call }

        func isGiven(_ index: Int) -> Bool { index < values.count && values[index] != nil }

        func number(_ index: Int, of function: String) throws(Diagnostic) -> Double? {
            switch self[index] {
            case .null: return nil
            case .number(let number): return number
            case let other:
                throw Diagnostic(.operandType(function, expected: "a number", found: other.typeName), at: span(index))
            }
        }

        func string(_ index: Int, of function: String) throws(Diagnostic) -> String? {
            switch self[index] {
            case .null: return nil
            case .string(let string): return string
            case let other:
                throw Diagnostic(.operandType(function, expected: "a string", found: other.typeName), at: span(index))
            }
        }
    }

    static func apply(_ name: String, _ arguments: Arguments) throws(Diagnostic) -> Value {
        func numeric(_ transform: (Double) -> Double) throws(Diagnostic) -> Value {
            guard let x = try arguments.number(0, of: name) else { return .null }
            return .number(transform(x))
        }
        switch name {
        case "log": return try numeric { Foundation.log($0) }
        case "exp": return try numeric { Foundation.exp($0) }
        case "sqrt": return try numeric { $0.squareRoot() }
        case "abs": return try numeric { Swift.abs($0) }
        case "floor": return try numeric { $0.rounded(.down) }
        case "ceil": return try numeric { $0.rounded(.up) }
        case "round": return try round(arguments)
        case "min", "max": return try extreme(name, arguments)
        case "clip": return try clip(arguments)
        case "if":
            switch arguments[0] {
            case .bool(let condition): return condition ? arguments[1] : arguments[2]
            case .null: return .null
            case let other:
                throw Diagnostic(.operandType("if", expected: "a bool condition", found: other.typeName), at: arguments.span(0))
            }
        case "coalesce":
            return arguments.values.lazy.compactMap { $0 }.first { $0 != .null } ?? .null
        case "lower": return try arguments.string(0, of: name).map { .string($0.lowercased()) } ?? .null
        case "upper": return try arguments.string(0, of: name).map { .string($0.uppercased()) } ?? .null
        case "len":
            switch arguments[0] {
            case .string(let string): return .number(Double(string.count))
            case .list(let elements): return .number(Double(elements.count))
            case .null: return .null
            case let other:
                throw Diagnostic(.operandType("len", expected: "a string or a list", found: other.typeName), at: arguments.span(0))
            }
        case "contains":
            switch (arguments[0], arguments[1]) {
            case (.null, _): return .null
            case (.list(let elements), let element): return .bool(elements.contains(element))
            case (.string(let string), .string(let part)): return .bool(string.contains(part))
            case (.string, let other):
                throw Diagnostic(.containsNeedsString(found: other.typeName), at: arguments.span(1))
            case (let other, _):
                throw Diagnostic(.operandType("contains", expected: "a string or a list", found: other.typeName), at: arguments.span(0))
            }
        default:
            throw Diagnostic(.functionNotImplemented(name), at: arguments.call)
        }
    }

    private static func round(_ arguments: Arguments) throws(Diagnostic) -> Value {
        guard let x = try arguments.number(0, of: "round") else { return .null }
        guard arguments.isGiven(1), let digits = try arguments.number(1, of: "round") else {
            return .number(x.rounded(.toNearestOrAwayFromZero))
        }
        guard digits == digits.rounded(), Swift.abs(digits) <= 300 else {
            throw Diagnostic(.roundDigits(found: "\(digits)"), at: arguments.span(1))
        }
        let scale = pow(10, digits)
        let scaled = (x * scale).rounded(.toNearestOrAwayFromZero) / scale
        // Beyond a double's precision, rounding changes nothing.
        return .number(scaled.isFinite ? scaled : x)
    }

    private static func extreme(_ name: String, _ arguments: Arguments) throws(Diagnostic) -> Value {
        var candidates = arguments.values.compactMap { $0 }
        if candidates.count == 1, case .list(let elements) = candidates[0] { candidates = elements }
        var best: Value = .null
        for (index, candidate) in candidates.enumerated() {
            let span = arguments.span(min(index, arguments.spans.count - 1))
            switch (best, candidate) {
            case (_, .null): continue
            case (.null, .number), (.null, .string): best = candidate
            case (.number(let a), .number(let b)): if name == "min" ? b < a : b > a { best = candidate }
            case (.string(let a), .string(let b)): if name == "min" ? b < a : b > a { best = candidate }
            default:
                throw Diagnostic(.mixedTypes(name, found: candidate.typeName), at: span)
            }
        }
        return best
    }

    private static func clip(_ arguments: Arguments) throws(Diagnostic) -> Value {
        guard let x = try arguments.number(0, of: "clip") else { return .null }
        let lo = try arguments.number(1, of: "clip") ?? -.infinity
        let hi = try arguments.number(2, of: "clip") ?? .infinity
        guard lo <= hi else {
            throw Diagnostic(.clipBounds, at: arguments.call)
        }
        return .number(x.isNaN ? x : Swift.min(Swift.max(x, lo), hi))
    }
}
