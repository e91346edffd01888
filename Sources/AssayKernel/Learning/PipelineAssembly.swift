import AssayFrame
import AssayLanguage
import AssayLearn
import AssayRender

/// Turns checked component calls into learners: stages and a model with their hyperparameters,
/// ready to fit on a dataset. Search spaces are refused here; `tune` resolves them first.
struct PipelineAssembly {
    let evaluator: Evaluator
    /// The columns the first stage sees (the data without its target), for `derive`'s names.
    let schema: Schema

    func pipeline(_ value: PipelineValue, at span: SourceSpan) throws(Diagnostic) -> Pipeline {
        let components = value.components
        guard let last = components.last else {
            throw Diagnostic(.emptyPipeline, at: span)
        }
        for component in components where component.signature.role == .space {
            throw Diagnostic(.spaceOutsideTune(component.name), at: component.span)
        }
        guard last.signature.role == .model else {
            throw Diagnostic(.pipelineWithoutModel(pipeline: value.text), at: span)
        }
        var stages: [any Stage] = []
        var settings: [ComponentSettings] = []
        var derivedColumns: [String] = []
        for component in components.dropLast() {
            guard component.signature.role == .stage else {
                throw Diagnostic(.modelNotLast(component.name), at: component.span)
            }
            try requireValues(component)
            if component.name == "derive" {
                // One stage per definition, so later definitions see earlier ones.
                for stage in try derivations(component, derived: &derivedColumns) {
                    stages.append(stage)
                    settings.append(ComponentSettings(kind: "derive", parameters: [.init(name: stage.name, value: "derived")]))
                }
                continue
            }
            stages.append(try stage(component))
            settings.append(Self.settings(component))
        }
        try requireValues(last)
        settings.append(Self.settings(last))
        let task = last.parameter("task").flatMap { p -> LearningTask? in
            if case .string(let s) = p.value { return LearningTask(rawValue: s) }
            return nil
        }
        return Pipeline(stages: stages, model: try model(last), settings: settings, task: task, name: last.text)
    }

    /// An error for a hyperparameter that still holds a search space or grid candidates.
    func requireValues(_ call: ComponentCall) throws(Diagnostic) {
        for parameter in call.parameters {
            let isSpace: Bool = switch parameter.value {
            case .space: true
            case .list: call.signature.parameter(named: parameter.name.name)?.kind != .numbers
            default: false
            }
            if isSpace {
                throw Diagnostic(.spaceInHyperparameter(parameter.name.name, component: call.name), at: parameter.span)
            }
        }
    }

    // MARK: Stages

    func stage(_ call: ComponentCall) throws(Diagnostic) -> any Stage {
        switch call.name {
        case "impute":
            var strategy = Impute.Strategy.mean
            switch string(call, "strategy") {
            case "median": strategy = .median
            case "mode": strategy = .mode
            default: break
            }
            switch call.parameter("value")?.value {
            case .number(let x)?: strategy = .value(.number(x))
            case .string(let s)?: strategy = .value(.string(s))
            case .bool(let b)?: strategy = .value(.bool(b))
            default: break
            }
            return Impute(call.columns ?? .all, strategy: strategy)
        case "scale":
            return Scale(call.columns ?? .numeric, method: Scale.Method(rawValue: string(call, "method") ?? "") ?? .standard)
        case "onehot":
            return OneHot(
                call.columns ?? .categorical, dropLast: bool(call, "drop_last") ?? false, maxCategories: integer(call, "max_categories") ?? 50)
        case "index":
            return CategoryIndex(call.columns ?? .categorical)
        case "bucket":
            guard case .names(let names)? = call.columns, let column = names.first else {
                throw Diagnostic(.columnCount("bucket", count: 1, usage: nil), at: call.span)
            }
            return Bucket(column, splits: numbers(call, "splits"))
        case "quantiles":
            return Quantiles(call.columns ?? .numeric, buckets: integer(call, "buckets") ?? 4)
        case "poly":
            return Polynomial(call.columns ?? .numeric, degree: integer(call, "degree") ?? 2)
        case "interact":
            guard case .names(let names)? = call.columns, names.count == 2 else {
                throw Diagnostic(.columnCount("interact", count: 2, usage: nil), at: call.span)
            }
            return Interaction(names[0], names[1])
        case "log":
            return LogOnePlus(call.columns ?? .numeric)
        case "pca":
            return PrincipalComponents(call.columns ?? .numeric, k: integer(call, "k") ?? 5)
        default:
            throw Diagnostic(.notAStage(call.name), at: call.span)
        }
    }

    /// `derive(a = EXPR, b = EXPR)`: names are columns of the data (or of earlier derivations),
    /// or else values bound in the session.
    func derivations(_ call: ComponentCall, derived: inout [String]) throws(Diagnostic) -> [Derivation] {
        var schema = schema
        for name in derived where !schema.contains(name) {
            schema = schema.adding(name, .number)
        }
        var rows = RowExpressionBuilder(schema: schema, datasetName: nil, bindings: evaluator.bindings)
        var stages: [Derivation] = []
        for (name, expression) in call.definitions {
            stages.append(Derivation(name.name, try rows.build(expression)))
            rows.addColumn(name.name)
            derived.append(name.name)
        }
        return stages
    }

    // MARK: Models

    private func model(_ call: ComponentCall) throws(Diagnostic) -> any Model {
        switch call.name {
        case "logistic":
            return LogisticRegression(reg: real(call, "reg") ?? 0, l1Ratio: real(call, "l1_ratio") ?? 0, maxIter: integer(call, "max_iter") ?? 100)
        case "linear":
            return LinearRegression(reg: real(call, "reg") ?? 0, l1Ratio: real(call, "l1_ratio") ?? 0)
        case "tree":
            return TreeModel(
                TreeParameters(
                    depth: optionalInteger(call, "depth", default: 5), minLeaf: integer(call, "min_leaf") ?? 1,
                    criterion: string(call, "criterion").flatMap(SplitCriterion.init(rawValue:)), bins: integer(call, "bins") ?? 255))
        case "forest":
            return ForestModel(
                ForestParameters(
                    trees: integer(call, "trees") ?? 100, depth: optionalInteger(call, "depth", default: nil),
                    maxFeatures: maxFeatures(call), minLeaf: integer(call, "min_leaf") ?? 1, bootstrap: bool(call, "bootstrap") ?? true,
                    bins: integer(call, "bins") ?? 255, criterion: string(call, "criterion").flatMap(SplitCriterion.init(rawValue:))))
        case "boost":
            return BoostModel(
                BoostParameters(
                    rounds: integer(call, "rounds") ?? 100, rate: real(call, "rate") ?? 0.1, depth: optionalInteger(call, "depth", default: 6),
                    leaves: integer(call, "leaves") ?? 31, minLeaf: integer(call, "min_leaf") ?? 20, l2: real(call, "l2") ?? 0,
                    subsample: real(call, "subsample") ?? 1, colsample: real(call, "colsample") ?? 1, bins: integer(call, "bins") ?? 255))
        case "knn":
            return NearestNeighbors(k: integer(call, "k") ?? 5, weights: NearestNeighbors.Weights(rawValue: string(call, "weights") ?? "") ?? .uniform)
        case "bayes":
            return GaussianNaiveBayes(varianceSmoothing: real(call, "smoothing") ?? 1e-9)
        default:
            throw Diagnostic(.notAModel(call.name), at: call.span)
        }
    }

    private func maxFeatures(_ call: ComponentCall) -> MaxFeatures? {
        switch call.parameter("max_features")?.value {
        case .string("sqrt")?: .sqrt
        case .string("log2")?: .log2
        case .string("all")?: .all
        case .number(let x)? where x < 1: .fraction(x)
        case .number(let x)?: .count(Int(x))
        default: nil
        }
    }

    // MARK: Values (already checked against the signature)

    private func real(_ call: ComponentCall, _ name: String) -> Double? {
        if case .number(let x)? = call.parameter(name)?.value { return x }
        return nil
    }

    private func integer(_ call: ComponentCall, _ name: String) -> Int? {
        real(call, name).map { Int($0) }
    }

    /// A nullable whole number: absent gives the default, null gives nil.
    private func optionalInteger(_ call: ComponentCall, _ name: String, default value: Int?) -> Int? {
        guard let given = call.parameter(name)?.value else { return value }
        if case .number(let x) = given { return Int(x) }
        return nil
    }

    private func string(_ call: ComponentCall, _ name: String) -> String? {
        if case .string(let s)? = call.parameter(name)?.value { return s }
        return nil
    }

    private func bool(_ call: ComponentCall, _ name: String) -> Bool? {
        if case .bool(let b)? = call.parameter(name)?.value { return b }
        return nil
    }

    private func numbers(_ call: ComponentCall, _ name: String) -> [Double] {
        guard case .list(let items)? = call.parameter(name)?.value else { return [] }
        return items.compactMap { if case .number(let x) = $0 { x } else { nil } }
    }

    /// Every hyperparameter with its value, given or default, for displays and tracking.
    static func settings(_ call: ComponentCall) -> ComponentSettings {
        var parameters: [ComponentSettings.Parameter] = []
        if let columns = call.columns {
            let text: String = switch columns {
            case .names(let names): names.joined(separator: ", ")
            case .numeric: "numeric()"
            case .categorical: "categorical()"
            case .all: "all()"
            case .except(let names): "except(\(names.joined(separator: ", ")))"
            }
            parameters.append(.init(name: "columns", value: text))
        }
        for definition in call.definitions {
            parameters.append(.init(name: definition.name.name, value: "derived"))
        }
        for parameter in call.signature.parameters {
            if let given = call.parameter(parameter.name) {
                parameters.append(.init(name: parameter.name, value: given.value.resultText))
            } else if parameter.name != "task" {
                parameters.append(.init(name: parameter.name, value: parameter.defaultText))
            }
        }
        return ComponentSettings(kind: call.name, parameters: parameters)
    }
}

extension PipelineAssembly {
    /// The stages of a pipeline without a model, as `data | stage()` applies them.
    func stages(_ value: PipelineValue) throws(Diagnostic) -> [any Stage] {
        var stages: [any Stage] = []
        var derived: [String] = []
        for component in value.components {
            try requireValues(component)
            if component.name == "derive" {
                stages += try derivations(component, derived: &derived)
            } else {
                stages.append(try stage(component))
            }
        }
        return stages
    }
}
