import AssayLanguage
import AssayRender
import AssayTracking

/// Reads the `where` and `order by` of `runs` into a store's filter and order, checking each
/// field and constant and pointing at the one that is wrong.
struct RunFilterBuilder {
    let evaluator: Evaluator

    /// A field reference: `status`, `metrics.f1`, `params.boost.rate`, nil when it is not one.
    func field(_ expression: Expression) -> RunField? {
        switch expression.kind {
        case .name(let name):
            return RunField.attributes[name]
        case .member:
            var path: [String] = []
            var current = expression
            while case .member(let receiver, let member) = current.kind {
                path.insert(member.name, at: 0)
                current = receiver
            }
            guard case .name(let prefix) = current.kind, RunField.prefixes.contains(prefix), evaluator.bindings[prefix] == nil else {
                return nil
            }
            let key = path.joined(separator: ".")
            switch prefix {
            case "metrics": return .metric(key)
            case "params": return .param(key)
            default: return .tag(key)
            }
        default:
            return nil
        }
    }

    func orderField(_ expression: Expression) throws(Diagnostic) -> RunField {
        guard let field = field(expression) else {
            throw Diagnostic(.orderByField, at: expression.span)
        }
        return field
    }

    func filter(_ expression: Expression) throws(Diagnostic) -> RunFilter {
        switch expression.kind {
        case .binary(.and, let lhs, let rhs, _):
            return .and(try filter(lhs), try filter(rhs))
        case .binary(.or, let lhs, let rhs, _):
            return .or(try filter(lhs), try filter(rhs))
        case .unary(.not, let operand):
            return .not(try filter(operand))
        case .isNull(let operand, let negated):
            return .missing(try requiredField(operand), negated: negated)
        case .binary(let op, let lhs, let rhs, _) where op == .in || op == .notIn:
            let field = try requiredField(lhs)
            let value = try evaluator.evaluate(rhs)
            guard case .list(let elements) = value else {
                throw Diagnostic(.filterNeedsList(op.rawValue, found: value.typeName), at: rhs.span)
            }
            var constants: [FilterValue] = []
            for element in elements { constants.append(try constant(element, for: field, at: rhs.span)) }
            return .oneOf(field, constants, negated: op == .notIn)
        case .binary(let op, let lhs, let rhs, let opSpan):
            guard let comparison = RunFilterBuilder.comparison(op) else {
                throw Diagnostic(.notARunCondition(op.rawValue), at: opSpan)
            }
            if let field = field(lhs) {
                let value = try evaluator.evaluate(rhs)
                if value == .null { return .missing(field, negated: comparison == .notEqual) }
                return .compare(field, comparison, try constant(value, for: field, at: rhs.span))
            }
            if let field = field(rhs) {
                let value = try evaluator.evaluate(lhs)
                if value == .null { return .missing(field, negated: comparison == .notEqual) }
                return .compare(field, RunFilterBuilder.flipped(comparison), try constant(value, for: field, at: lhs.span))
            }
            throw Diagnostic(.comparisonWithoutField, at: expression.span)
        default:
            let value = try evaluator.evaluate(expression)
            throw Diagnostic(.runsWhereNeedsCondition(found: value.typeName), at: expression.span)
        }
    }

    private func requiredField(_ expression: Expression) throws(Diagnostic) -> RunField {
        guard let field = field(expression) else {
            throw Diagnostic(.expectedRunField, at: expression.span)
        }
        return field
    }

    /// Checks a constant against its field: numbers for metrics and durations, a date or
    /// milliseconds for `start`, a status name for `status`.
    private func constant(_ value: Value, for field: RunField, at span: SourceSpan) throws(Diagnostic) -> FilterValue {
        switch (field, value) {
        case (.metric, .number(let x)), (.duration, .number(let x)), (.start, .number(let x)):
            return .number(x)
        case (.start, .string(let text)):
            guard let ms = RunTable.milliseconds(text) else {
                throw Diagnostic(.unreadableDate(ScalarText.quoted(text)), at: span)
            }
            return .number(Double(ms))
        case (.metric, _), (.duration, _), (.start, _):
            throw Diagnostic(.numericRunField("\(field)", found: value.typeName), at: span)
        case (.status, .string(let text)):
            guard let status = RunStatus(rawValue: text.uppercased()) else {
                throw Diagnostic(.unknownStatus(text, among: RunStatus.allCases.map(\.rawValue)), at: span)
            }
            return .string(status.rawValue)
        case (.param, .number(let x)), (.tag, .number(let x)):
            return .number(x)
        case (_, .string(let text)):
            return .string(text)
        case (_, .number(let x)):
            return .string(FilterValue.number(x).description)
        case (_, .bool(let flag)):
            return .string(flag ? "true" : "false")
        default:
            throw Diagnostic(.runFieldComparison("\(field)", found: value.typeName), at: span)
        }
    }

    static func comparison(_ op: BinaryOperator) -> ComparisonOperator? {
        switch op {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        default: nil
        }
    }

    static func flipped(_ op: ComparisonOperator) -> ComparisonOperator {
        switch op {
        case .less: .greater
        case .lessEqual: .greaterEqual
        case .greater: .less
        case .greaterEqual: .lessEqual
        default: op
        }
    }
}
