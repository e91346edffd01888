import AssayLanguage
import AssayLearn
import AssayRender

/// The search space of a pipeline whose hyperparameters (or whole components) hold spaces:
/// each searched hyperparameter gets a path (`boost.rate`), a `choice` of components gets a
/// path of its own (`model` for the last component, `stage2` otherwise), and choosing an option
/// activates that option's own spaces. An assignment turns back into a plain pipeline.
struct TuningSpace {
    /// Where each component's searched parameters and choices live in the space.
    private struct Slot {
        /// The component's label: its name, numbered when the name repeats (`impute2`).
        var label: String
        /// For a choice of components: its path, and each option's component and label.
        var choice: (path: String, options: [(call: ComponentCall, label: String)])?
    }

    let pipeline: PipelineValue
    let space: SearchSpace
    private let slots: [Slot]
    /// True when a choice picks the model, so trial tables get a `model` column.
    let searchesModels: Bool

    init(_ pipeline: PipelineValue, evaluator: Evaluator) throws(Diagnostic) {
        self.pipeline = pipeline
        var parameters: [SearchParameter] = []
        var slots: [Slot] = []
        var seen: [String: Int] = [:]
        var searchesModels = false
        func label(_ name: String) -> String {
            seen[name, default: 0] += 1
            return seen[name] == 1 ? name : "\(name)\(seen[name] ?? 0)"
        }
        for (index, component) in pipeline.components.enumerated() {
            if component.signature.role == .space {
                guard component.name == "choice" else {
                    throw Diagnostic(.onlyChoiceChooses(component.name), at: component.span)
                }
                let isLast = index == pipeline.components.count - 1
                let path = isLast ? "model" : "stage\(index + 1)"
                searchesModels = searchesModels || isLast
                var options: [ChoiceOption] = []
                var optionCalls: [(call: ComponentCall, label: String)] = []
                var optionLabels: [String: Int] = [:]
                for option in component.options {
                    guard case .pipeline(let inner) = option, inner.components.count == 1, let call = inner.components.first,
                        call.signature.role != .space
                    else {
                        throw Diagnostic(.choiceOptions(found: option.resultText), at: component.span)
                    }
                    optionLabels[call.name, default: 0] += 1
                    let optionLabel = optionLabels[call.name] == 1 ? call.name : "\(call.name)\(optionLabels[call.name] ?? 0)"
                    options.append(ChoiceOption(.text(optionLabel), label: optionLabel, parameters: try Self.parameters(of: call, evaluator: evaluator)))
                    optionCalls.append((call, optionLabel))
                }
                parameters.append(SearchParameter(path, try Self.domain(at: component.span) { () throws(LearnError) -> SearchDomain in try .choice(options) }))
                slots.append(Slot(label: path, choice: (path, optionCalls)))
                continue
            }
            let name = label(component.name)
            for parameter in try Self.parameters(of: component, evaluator: evaluator) {
                parameters.append(SearchParameter("\(name).\(parameter.name)", parameter.domain))
            }
            slots.append(Slot(label: name, choice: nil))
        }
        self.space = try Self.domain(at: pipeline.components.first?.span) { () throws(LearnError) in try SearchSpace(parameters) }
        self.slots = slots
        self.searchesModels = searchesModels
    }

    /// The searched hyperparameters of one call, named by the parameter alone.
    private static func parameters(of call: ComponentCall, evaluator: Evaluator) throws(Diagnostic) -> [SearchParameter] {
        var out: [SearchParameter] = []
        for parameter in call.parameters {
            guard let signature = call.signature.parameter(named: parameter.name.name) else { continue }
            switch parameter.value {
            case .space(let space):
                out.append(SearchParameter(parameter.name.name, try domain(space, for: signature, of: call, evaluator: evaluator)))
            case .list(let candidates) where signature.kind != .numbers:
                let options = candidates.map { ChoiceOption(Self.parameterValue($0)) }
                out.append(SearchParameter(parameter.name.name, try domain(at: parameter.span) { () throws(LearnError) -> SearchDomain in try .choice(options) }))
            default:
                continue
            }
        }
        return out
    }

    /// A space call as a domain, checked against the hyperparameter it stands for.
    private static func domain(
        _ space: ComponentCall, for parameter: ComponentSignature.Parameter, of call: ComponentCall, evaluator: Evaluator
    ) throws(Diagnostic) -> SearchDomain {
        if space.name == "choice" {
            for option in space.options {
                try evaluator.check(option, for: parameter, of: call.signature, at: space.span)
            }
            let options = space.options.map { ChoiceOption(Self.parameterValue($0)) }
            return try domain(at: space.span) { () throws(LearnError) -> SearchDomain in try .choice(options) }
        }
        var bounds: [Double] = []
        for option in space.options {
            guard case .number(let x) = option else {
                throw Diagnostic(.spaceTakesNumbers(space.name, found: option.resultText), at: space.span)
            }
            bounds.append(x)
        }
        let whole: Bool = if case .integer = parameter.kind { true } else { false }
        if whole, space.name != "int", !(space.name == "quniform" && bounds.count == 3 && bounds[2] == bounds[2].rounded() && bounds[0] == bounds[0].rounded()) {
            throw Diagnostic(.spaceGivesReals(parameter.name, component: call.name, space: space.name), at: space.span)
        }
        // The ends of a bounded range must be values the hyperparameter accepts.
        if space.name != "normal" {
            for bound in bounds.prefix(2) {
                try evaluator.check(.number(bound), for: parameter, of: call.signature, at: space.span)
            }
        }
        return try domain(at: space.span) { () throws(LearnError) -> SearchDomain in
            switch space.name {
            case "uniform": return try SearchDomain.uniform(bounds[0], bounds[1])
            case "loguniform": return try SearchDomain.logUniform(bounds[0], bounds[1])
            case "int":
                guard bounds.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) else {
                    throw LearnError("`int` takes whole bounds", help: "write `int(50, 400)`")
                }
                return try SearchDomain.integer(Int(bounds[0]), Int(bounds[1]))
            case "quniform": return try SearchDomain.quantized(bounds[0], bounds[1], bounds[2])
            default: return try SearchDomain.normal(bounds[0], bounds[1])
            }
        }
    }

    private static func domain<T>(at span: SourceSpan?, _ make: () throws(LearnError) -> T) throws(Diagnostic) -> T {
        do { return try make() } catch { throw Diagnostic(.learning(error.message, help: error.help), at: span) }
    }

    /// How a candidate value travels through the search; null travels as the text "null".
    static func parameterValue(_ value: Value) -> ParameterValue {
        switch value {
        case .number(let x): .number(x)
        case .string(let s): .text(s)
        case .bool(let b): .bool(b)
        case .null: .text("null")
        default: .text(value.resultText)
        }
    }

    static func value(_ parameter: ParameterValue) -> Value {
        switch parameter {
        case .number(let x): return .number(x)
        case .integer(let i): return .number(Double(i))
        case .bool(let b): return .bool(b)
        case .text(let s):
            return s == "null" ? .null : .string(s)
        }
    }

    /// The pipeline with every searched value replaced by the assignment's, and every component
    /// choice replaced by the chosen option.
    func pipeline(for assignment: Assignment) -> PipelineValue {
        var components: [ComponentCall] = []
        for (component, slot) in zip(pipeline.components, slots) {
            if let choice = slot.choice {
                let index = assignment.option(choice.path) ?? 0
                let option = choice.options[min(index, choice.options.count - 1)]
                components.append(Self.substitute(option.call, prefix: option.label, assignment))
            } else {
                components.append(Self.substitute(component, prefix: slot.label, assignment))
            }
        }
        return PipelineValue(components)
    }

    private static func substitute(_ call: ComponentCall, prefix: String, _ assignment: Assignment) -> ComponentCall {
        var call = call
        for (i, parameter) in call.parameters.enumerated() {
            guard let value = assignment["\(prefix).\(parameter.name.name)"] else { continue }
            call.parameters[i].value = Self.value(value)
        }
        call.text = Evaluator.describe(call)
        return call
    }
}
