/// Our run filters in MLflow's search syntax, as far as it goes.
///
/// MLflow's filter is a conjunction of comparisons; metrics compare as numbers, params and tags
/// only as text with `=` and `!=`. Conjuncts it cannot say stay with us and are applied to the
/// runs the server returns.
struct MLflowFilter: Equatable {
    /// The filter string for `runs/search`; empty for none.
    var server: String
    /// What the server cannot check.
    var local: RunFilter?

    init(_ filter: RunFilter?) {
        var sent: [String] = []
        var kept: [RunFilter] = []
        for conjunct in filter?.conjuncts ?? [] {
            if let text = MLflowFilter.translate(conjunct) { sent.append(text) } else { kept.append(conjunct) }
        }
        server = sent.joined(separator: " and ")
        local = kept.dropFirst().reduce(kept.first) { partial, next in partial.map { .and($0, next) } }
    }

    static func translate(_ filter: RunFilter) -> String? {
        guard case .compare(let field, let op, let constant) = filter else { return nil }
        switch (field, constant) {
        case (.metric(let key), .number(let x)):
            return "metrics.\(quoted(key)) \(op.rawValue) \(number(x))"
        case (.start, .number(let x)):
            return "attributes.start_time \(op.rawValue) \(Int64(x.rounded(.up)))"
        case (.param(let key), .string(let s)) where op == .equal || op == .notEqual:
            return text("params.\(quoted(key))", op, s)
        case (.tag(let key), .string(let s)) where op == .equal || op == .notEqual:
            return text("tags.\(quoted(key))", op, s)
        case (.model, .string(let s)) where op == .equal || op == .notEqual:
            return text("tags.`\(MLflowStore.modelTag)`", op, s)
        case (.parent, .string(let s)) where op == .equal:
            return text("tags.`\(MLflowStore.parentTag)`", op, s)
        case (.status, .string(let s)) where op == .equal || op == .notEqual:
            return text("attributes.status", op, s)
        case (.name, .string(let s)) where op == .equal || op == .notEqual:
            return text("attributes.run_name", op, s)
        default:
            return nil
        }
    }

    /// MLflow strings cannot escape a quote: such a comparison stays local.
    private static func text(_ field: String, _ op: ComparisonOperator, _ value: String) -> String? {
        guard !value.contains("'") else { return nil }
        return "\(field) \(op.rawValue) '\(value)'"
    }

    private static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }

    /// Keys with anything but letters, digits and `_` go in backticks.
    static func quoted(_ key: String) -> String {
        key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) ? key : "`\(key)`"
    }

    /// MLflow's `order_by` entry for an order, nil when the server cannot sort by it.
    static func orderBy(_ order: RunOrder) -> String? {
        let field: String
        switch order.field {
        case .metric(let key): field = "metrics.\(quoted(key))"
        case .start: field = "attributes.start_time"
        case .name: field = "attributes.run_name"
        case .status: field = "attributes.status"
        default: return nil
        }
        return field + (order.descending ? " DESC" : " ASC")
    }
}
