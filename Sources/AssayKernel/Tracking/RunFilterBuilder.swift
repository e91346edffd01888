import AssayLanguage
import AssayRender
import AssayTracking

/// Reads the `where` and `order by` of `runs` into a store's filter and order, checking each
/// field and constant and pointing at the one that is wrong.
struct RunFilterBuilder {
    let evaluator: Evaluator

    static let fieldHelp = "fields are `metrics.NAME`, `params.NAME`, `tags.NAME`, `status`, `start`, `duration`, `model`, `name`, `id`, `parent`"

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
            throw Diagnostic(.value, "`order by` needs a field of the runs", at: expression.span, help: RunFilterBuilder.fieldHelp)
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
                throw Diagnostic(.type, "`\(op.rawValue)` needs a list, found a `\(value.typeName)`", at: rhs.span, help: "write `status in [\"FAILED\", \"KILLED\"]`")
            }
            var constants: [FilterValue] = []
            for element in elements { constants.append(try constant(element, for: field, at: rhs.span)) }
            return .oneOf(field, constants, negated: op == .notIn)
        case .binary(let op, let lhs, let rhs, let opSpan):
            guard let comparison = RunFilterBuilder.comparison(op) else {
                throw Diagnostic(
                    .value, "`\(op.rawValue)` is not a condition on runs", at: opSpan,
                    help: "compare a field with a value: `metrics.f1 > 0.9`; join conditions with `and`, `or`")
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
            throw Diagnostic(.value, "this comparison names no field of the runs", at: expression.span, help: RunFilterBuilder.fieldHelp)
        default:
            let value = try evaluator.evaluate(expression)
            throw Diagnostic(
                .type, "`runs where` needs a condition, found a `\(value.typeName)`", at: expression.span,
                help: "for example `runs where metrics.f1 > 0.9 and status == \"FINISHED\"`")
        }
    }

    private func requiredField(_ expression: Expression) throws(Diagnostic) -> RunField {
        guard let field = field(expression) else {
            throw Diagnostic(.value, "expected a field of the runs", at: expression.span, help: RunFilterBuilder.fieldHelp)
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
                throw Diagnostic(.value, "cannot read \(ScalarText.quoted(text)) as a date", at: span, help: "write it as \"2025-06-01\" or \"2025-06-01 14:30\"")
            }
            return .number(Double(ms))
        case (.metric, _), (.duration, _), (.start, _):
            throw Diagnostic(.type, "`\(field)` is a number; compare it with a number, not a `\(value.typeName)`", at: span)
        case (.status, .string(let text)):
            guard let status = RunStatus(rawValue: text.uppercased()) else {
                throw Diagnostic.unknown(
                    "status", text, at: span, among: RunStatus.allCases.map(\.rawValue), kind: .value,
                    otherwise: "a status is " + RunStatus.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))
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
            throw Diagnostic(.type, "cannot compare `\(field)` with a `\(value.typeName)`", at: span, help: "compare it with a number or a string")
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
