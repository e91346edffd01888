import AssayLanguage
import AssayLearn
import AssayRender
import Foundation

// Stage, model and search-space calls: checked against their signatures when evaluated, so a
// misspelled hyperparameter or a value out of range fails before anything is fitted.

extension Evaluator {
    /// Evaluates an expression where a stage or model may stand: component calls become
    /// pipelines (or search spaces), anything else evaluates as usual.
    func evaluateComponent(_ expression: Expression) throws(Diagnostic) -> Value {
        switch expression.kind {
        case .call(let callee, let arguments) where ComponentCatalog.named(callee.name) != nil:
            return try component(callee, arguments, span: expression.span)
        case .list(let elements):
            var values: [Value] = []
            for element in elements { values.append(try evaluateComponent(element)) }
            return .list(values)
        default:
            return try evaluate(expression)
        }
    }

    /// A call of a stage, model or space; `log(x)` outside a pipeline stays the scalar function.
    func component(_ callee: Identifier, _ arguments: [Argument], span: SourceSpan) throws(Diagnostic) -> Value {
        guard let signature = ComponentCatalog.named(callee.name) else {
            throw Diagnostic(.unknownComponent(callee.name), at: callee.span)
        }
        var call = ComponentCall(
            signature: signature, columns: nil, columnSpans: [], definitions: [], parameters: [], options: [], span: span,
            text: callee.name)
        var positional: [Expression] = []
        for argument in arguments {
            guard let label = argument.label else {
                positional.append(argument.value)
                continue
            }
            if case .definitions = signature.positional {
                call.definitions.append((label, argument.value))
                continue
            }
            guard let parameter = signature.parameter(named: label.name) else {
                throw Diagnostic(
                    .unknownHyperparameter(label.name, component: signature.name, among: signature.parameters.map(\.name)), at: label.span)
            }
            if call.parameters.contains(where: { $0.name.name == label.name }) {
                throw Diagnostic(.repeatedHyperparameter(label.name), at: label.span)
            }
            let value = try evaluateComponent(argument.value)
            try check(value, for: parameter, of: signature, at: argument.value.span)
            call.parameters.append(.init(name: label, value: value, span: argument.value.span))
        }
        try bindPositional(positional, into: &call)
        call.text = Self.describe(call)
        if signature.role == .space { return .space(call) }
        return .pipeline(PipelineValue([call]))
    }

    private func bindPositional(_ positional: [Expression], into call: inout ComponentCall) throws(Diagnostic) {
        let signature = call.signature
        switch signature.positional {
        case .none:
            if let first = positional.first {
                throw Diagnostic(.takesNoColumns(signature.name, usage: signature.usage), at: first.span)
            }
        case .definitions:
            if let first = positional.first {
                throw Diagnostic(.deriveTakesDefinitions, at: first.span)
            }
            if call.definitions.isEmpty {
                throw Diagnostic(.deriveNeedsDefinition, at: call.span)
            }
        case .values(let names, let variadic):
            if !variadic && positional.count != names.count || variadic && positional.isEmpty {
                throw Diagnostic(.valueCount(signature.name, names: names, variadic: variadic, usage: signature.usage), at: call.span)
            }
            for expression in positional { call.options.append(try evaluateComponent(expression)) }
        case .columns, .column, .columnPair:
            let (selector, spans) = try columnSelector(positional, for: signature)
            call.columns = selector
            call.columnSpans = spans
            let count = positional.count
            if case .column = signature.positional, count != 1 {
                throw Diagnostic(.columnCount(signature.name, count: 1, usage: signature.usage), at: call.span)
            }
            if case .columnPair = signature.positional, count != 2 {
                throw Diagnostic(.columnCount(signature.name, count: 2, usage: signature.usage), at: call.span)
            }
            if signature.name == "bucket", call.parameter("splits") == nil {
                throw Diagnostic(.bucketNeedsSplits, at: call.span)
            }
        }
    }

    /// Column names (bare, backticked or quoted) or one selector call.
    private func columnSelector(_ arguments: [Expression], for signature: ComponentSignature) throws(Diagnostic)
        -> (ColumnSelector?, [SourceSpan])
    {
        guard !arguments.isEmpty else { return (nil, []) }
        var names: [String] = []
        var spans: [SourceSpan] = []
        for argument in arguments {
            switch argument.kind {
            case .name(let name), .string(let name):
                names.append(name)
                spans.append(argument.span)
            case .call(let callee, let selectorArguments) where ComponentCatalog.selectors.contains(callee.name):
                guard arguments.count == 1 else {
                    throw Diagnostic(.selectorAlone(example: names.first ?? "col"), at: argument.span)
                }
                if callee.name == "except" {
                    var excluded: [String] = []
                    for inner in selectorArguments {
                        guard inner.label == nil, case .name(let name) = inner.value.kind else {
                            throw Diagnostic(.exceptTakesNames, at: inner.value.span)
                        }
                        excluded.append(name)
                        spans.append(inner.value.span)
                    }
                    return (.except(excluded), spans)
                }
                if let extra = selectorArguments.first {
                    throw Diagnostic(.selectorTakesNoArguments(callee.name), at: extra.value.span)
                }
                let selector: ColumnSelector = switch callee.name {
                case "numeric": .numeric
                case "categorical": .categorical
                default: .all
                }
                return (selector, [argument.span])
            default:
                throw Diagnostic(.takesColumnNames(signature.name, usage: signature.usage), at: argument.span)
            }
        }
        return (.names(names), spans)
    }

    /// Checks a hyperparameter's value (or each grid candidate, or a space's bounds later in `tune`).
    func check(_ value: Value, for parameter: ComponentSignature.Parameter, of signature: ComponentSignature, at span: SourceSpan)
        throws(Diagnostic)
    {
        if case .space = value { return }
        if case .list(let candidates) = value, parameter.kind != .numbers {
            for candidate in candidates { try check(candidate, for: parameter, of: signature, at: span) }
            return
        }
        let ok: Bool
        switch (parameter.kind, value) {
        case (.integer(_, _, true), .null): ok = true
        case (.integer(let minimum, let maximum, _), .number(let x)):
            ok = x == x.rounded() && x >= Double(minimum) && x <= Double(maximum ?? Int(1e15))
        case (.real(let minimum, let inclusive, let maximum), .number(let x)):
            ok = x.isFinite && (inclusive ? x >= minimum : x > minimum) && (maximum.map { x <= $0 } ?? true)
        case (.bool, .bool): ok = true
        case (.choice(let options), .string(let s)):
            guard options.contains(s) else {
                throw Diagnostic(
                    .hyperparameterOption(
                        parameter.name, component: signature.name, expectation: parameter.expectation, found: ScalarText.quoted(s),
                        suggestion: NameSuggestion.closest(to: s, among: options)),
                    at: span)
            }
            ok = true
        case (.numbers, .list(let items)):
            ok = items.allSatisfy { if case .number(let x) = $0 { x.isFinite } else { false } }
        case (.scalar, .number), (.scalar, .string), (.scalar, .bool): ok = true
        case (.features(let choices), .string(let s)): ok = choices.contains(s)
        case (.features, .number(let x)): ok = x > 0 && (x < 1 || x == x.rounded())
        default: ok = false
        }
        guard ok else {
            throw Diagnostic(
                .hyperparameterValue(
                    parameter.name, component: signature.name, expectation: parameter.expectation, found: value.resultText,
                    default: parameter.defaultText),
                at: span)
        }
    }

    /// A value in a name: reals with at most 4 significant digits (`0.009473`), the rest as results show them.
    static func compact(_ value: Value) -> String {
        if case .number(let x) = value, x.isFinite, x != x.rounded() { return String(format: "%.4g", x) }
        return value.resultText
    }

    /// The call as it would be written: `forest(trees=200)`, `onehot(island, sex)`.
    static func describe(_ call: ComponentCall) -> String {
        var parts: [String] = []
        switch call.columns {
        case .names(let names)?: parts += names
        case .numeric?: parts.append("numeric()")
        case .categorical?: parts.append("categorical()")
        case .all?: parts.append("all()")
        case .except(let names)?: parts.append("except(\(names.joined(separator: ", ")))")
        case nil: break
        }
        parts += call.definitions.map { "\($0.name.name) = …" }
        parts += call.options.map(compact)
        parts += call.parameters.map { "\($0.name.name)=\(compact($0.value))" }
        return "\(call.name)(\(parts.joined(separator: ", ")))"
    }
}
