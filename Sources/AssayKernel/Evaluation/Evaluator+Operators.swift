import AssayLanguage
import Foundation

// Arithmetic follows IEEE doubles, as columns will; null in gives null out.

extension Evaluator {
    func unary(_ op: UnaryOperator, _ value: Value, at span: SourceSpan) throws(Diagnostic) -> Value {
        switch (op, value) {
        case (_, .null): return .null
        case (.negate, .number(let number)): return .number(-number)
        case (.not, .bool(let bool)): return .bool(!bool)
        case (.negate, _):
            throw Diagnostic(.negateType(found: value.typeName), at: span)
        case (.not, _):
            throw Diagnostic(.operandType("not", expected: "a bool", found: value.typeName), at: span)
        }
    }

    func binary(_ op: BinaryOperator, _ lhsExpression: Expression, _ rhsExpression: Expression, operatorSpan: SourceSpan)
        throws(Diagnostic) -> Value
    {
        let lhs = try evaluate(lhsExpression)
        if op == .and || op == .or {
            return try logic(op, lhs, lhsExpression, rhsExpression)
        }
        let rhs = try evaluate(rhsExpression)
        switch op {
        case .equal: return .bool(lhs == rhs)
        case .notEqual: return .bool(lhs != rhs)
        case .in, .notIn:
            return try membership(op, lhs, rhs, lhsExpression.span, rhsExpression.span)
        case .less, .lessEqual, .greater, .greaterEqual:
            return try order(op, lhs, rhs, operatorSpan)
        default:
            break
        }
        if lhs == .null || rhs == .null { return .null }
        switch (op, lhs, rhs) {
        case (.add, .string(let a), .string(let b)): return .string(a + b)
        case (.add, .list(let a), .list(let b)): return .list(a + b)
        case (_, .number(let a), .number(let b)):
            switch op {
            case .add: return .number(a + b)
            case .subtract: return .number(a - b)
            case .multiply: return .number(a * b)
            case .divide: return .number(a / b)
            case .remainder: return .number(a.truncatingRemainder(dividingBy: b))
            default: return .number(pow(a, b))
            }
        default:
            if op == .add {
                throw Diagnostic(.addTypes(lhs.typeName, rhs.typeName), at: operatorSpan)
            }
            // Point at the side that is not a number; when both are wrong, at the operator.
            let span: SourceSpan
            switch (lhs, rhs) {
            case (.number, _): span = rhsExpression.span
            case (_, .number): span = lhsExpression.span
            default: span = operatorSpan
            }
            throw Diagnostic(.arithmeticTypes(op.rawValue, lhs.typeName, rhs.typeName), at: span)
        }
    }

    private func logic(_ op: BinaryOperator, _ lhs: Value, _ lhsExpression: Expression, _ rhsExpression: Expression)
        throws(Diagnostic) -> Value
    {
        guard case .bool(let left) = lhs else {
            throw Diagnostic(.operandType(op.rawValue, expected: "bools", found: lhs.typeName), at: lhsExpression.span)
        }
        // Short-circuit: the right side is not evaluated when the left decides.
        if op == .and && !left { return .bool(false) }
        if op == .or && left { return .bool(true) }
        let rhs = try evaluate(rhsExpression)
        guard case .bool(let right) = rhs else {
            throw Diagnostic(.operandType(op.rawValue, expected: "bools", found: rhs.typeName), at: rhsExpression.span)
        }
        return .bool(right)
    }

    private func membership(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, _ lhsSpan: SourceSpan, _ rhsSpan: SourceSpan)
        throws(Diagnostic) -> Value
    {
        let found: Bool
        switch (lhs, rhs) {
        case (_, .list(let elements)): found = elements.contains(lhs)
        case (.string(let needle), .string(let haystack)): found = haystack.contains(needle)
        case (_, .string):
            throw Diagnostic(.inStringNeedsString(found: lhs.typeName), at: lhsSpan)
        default:
            throw Diagnostic(.inNeedsCollection(found: rhs.typeName), at: rhsSpan)
        }
        return .bool(found != (op == .notIn))
    }

    private func order(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, _ operatorSpan: SourceSpan) throws(Diagnostic) -> Value {
        func compare<T: Comparable>(_ a: T, _ b: T) -> Bool {
            switch op {
            case .less: a < b
            case .lessEqual: a <= b
            case .greater: a > b
            default: a >= b
            }
        }
        switch (lhs, rhs) {
        case (.null, _), (_, .null): return .null
        case (.number(let a), .number(let b)): return .bool(compare(a, b))
        case (.string(let a), .string(let b)): return .bool(compare(a, b))
        default:
            throw Diagnostic(.compareTypes(lhs.typeName, rhs.typeName, operator: op.rawValue), at: operatorSpan)
        }
    }
}
