import AssayFrame

/// A component of a pipeline (stage or model) with its hyperparameters as text, for displays and
/// tracking: `boost` with `rounds = 150`, `rate = 0.05`.
public struct ComponentSettings: Sendable, Hashable, Codable {
    public struct Parameter: Sendable, Hashable, Codable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var kind: String
    public var parameters: [Parameter]

    public init(kind: String, parameters: [Parameter]) {
        self.kind = kind
        self.parameters = parameters
    }
}

/// An unfitted pipeline: feature stages in order, then a model.
public struct Pipeline: Sendable {
    public var stages: [any Stage]
    public var model: any Model
    /// One entry per stage, then one for the model.
    public var settings: [ComponentSettings]
    /// Classification or regression as the user forced it; nil infers it from the target.
    public var task: LearningTask?
    /// How boards and runs name it, e.g. the model call as written: `forest(trees=200)`.
    public var name: String

    public init(stages: [any Stage], model: any Model, settings: [ComponentSettings], task: LearningTask? = nil, name: String) {
        self.stages = stages
        self.model = model
        self.settings = settings
        self.task = task
        self.name = name
    }

    /// Fits every stage in order, each on the output of the one before, then the model; errors
    /// name the component that failed.
    func fitComponents(_ features: Dataset, _ target: Target, context: FitContext) throws(LearnError)
        -> (stages: [any FittedStage], model: any FittedModel)
    {
        var current = features
        var fitted: [any FittedStage] = []
        for (index, stage) in stages.enumerated() {
            try context.checkCancellation()
            do throws(LearnError) {
                let stageFit = try stage.fit(current, context: context)
                current = try stageFit.transform(current)
                fitted.append(stageFit)
            } catch {
                throw error.at(component: index)
            }
        }
        do throws(LearnError) {
            let x = try FeatureMatrix(current)
            try context.checkCancellation()
            return (fitted, try model.fit(x, target, context: context))
        } catch {
            throw error.at(component: stages.count)
        }
    }
}

extension LearnError {
    /// The error, marked as raised by the pipeline component at `index` unless already marked.
    func at(component index: Int) -> LearnError {
        var error = self
        if error.component == nil && self != .cancelled { error.component = index }
        return error
    }
}
