import AssayFrame
import AssayLanguage
import AssayLearn
import AssayRender
import AssayTracking

// `fit`, `evaluate`, `predict`, and `|` between stages and models.

extension Evaluator {
    func learning(_ form: LearningForm, span: SourceSpan) throws(Diagnostic) -> Value {
        switch form {
        case .fit(let pipeline, let data, let target, let clauses):
            return try fit(pipeline, on: data, target: target, clauses: clauses, span: span)
        case .evaluate(let model, let data, let metrics):
            return try evaluateModels(model, on: data, metrics: metrics)
        case .importance(let model, let data, let clauses):
            return .importance(ImportanceValue(try importance(model, on: data, clauses: clauses, span: span), of: model))
        case .shap(let model, let data, let clauses):
            return .explanation(try shap(model, on: data, clauses: clauses, span: span))
        case .tune(let pipeline, let data, let target, let clauses):
            return .tuning(try tune(pipeline, on: data, target: target, clauses: clauses, span: span))
        case .predict(let model, let data):
            guard case .model(let value) = try evaluate(model) else {
                throw Diagnostic(.predictNeedsModel, at: model.span)
            }
            let table = try self.dataset(data, for: "predict")
            let engine = engines.engine(for: table)
            return .dataset(try learn(at: span) { () throws(LearnError) in try engine.predict(value.fitted, on: table) })
        }
    }

    // MARK: Pipelines

    /// `a | b` where `a` is a pipeline (or a list of them) and `b` a stage, model or list.
    func pipePipeline(_ input: Value, _ inputExpression: Expression, _ step: Expression) throws(Diagnostic) -> Value {
        let next = try evaluateComponent(step)
        func join(_ left: Value, _ right: Value) throws(Diagnostic) -> Value {
            switch (left, right) {
            case (.pipeline(let a), .pipeline(let b)):
                return .pipeline(PipelineValue(a.components + b.components))
            case (.pipeline(let a), .space(let choice)):
                return .pipeline(PipelineValue(a.components + [choice]))
            case (.space(let choice), .pipeline(let b)):
                return .pipeline(PipelineValue([choice] + b.components))
            case (.list(let items), _):
                var out: [Value] = []
                for item in items { out.append(try join(item, right)) }
                return .list(out)
            case (_, .list(let items)):
                var out: [Value] = []
                for item in items { out.append(try join(left, item)) }
                return .list(out)
            case (.pipeline, _):
                throw Diagnostic(.pipeAfterPipeline(found: right.typeName), at: step.span)
            default:
                throw Diagnostic(.pipeJoins(found: left.typeName), at: inputExpression.span)
            }
        }
        return try join(input, next)
    }

    /// `data | stage()`: fits the stages on the data and returns it transformed.
    func applyStages(_ pipeline: PipelineValue, to data: TableRef, at span: SourceSpan) throws(Diagnostic) -> Value {
        if let model = pipeline.components.first(where: { $0.signature.role != .stage }) {
            throw Diagnostic(.modelCannotTransform(model.name, pipeline: pipeline.text), at: model.span)
        }
        let assembly = PipelineAssembly(evaluator: self, schema: data.schema)
        let engine = engines.engine(for: data)
        var current = data
        for (index, stage) in try assembly.stages(pipeline).enumerated() {
            let component = pipeline.components[min(index, pipeline.components.count - 1)]
            current = try learn(at: component.span) { () throws(LearnError) in
                try engine.fitTransform(stage, on: current, context: fitContext(seed: UInt64(settings.seed), progress: nil))
            }
        }
        return .dataset(current)
    }

    // MARK: fit

    private func fit(_ pipelineExpression: Expression, on dataExpression: Expression, target: Identifier, clauses: [LearningClause], span: SourceSpan)
        throws(Diagnostic) -> Value
    {
        let value = try evaluateComponent(pipelineExpression)
        let data = try dataset(dataExpression, for: "fit")
        let dataName: String? = if case .name(let n) = dataExpression.kind { n } else { nil }
        let schema = data.schema
        guard schema.contains(target.name) else {
            throw Evaluator.unknownColumn(target.name, at: target.span, in: schema, dataName)
        }
        let engine = engines.engine(for: data)
        var validation: ValidationScheme?
        var seed = UInt64(settings.seed)
        var parallel = settings.parallel
        for clause in clauses {
            switch clause.keyword.name {
            case "cv":
                validation = .crossValidation(folds: try wholeNumber(clause.value, what: "`cv`", minimum: 2))
            case "holdout":
                let r = try number(clause.value, what: "`holdout`")
                guard r > 0, r < 1 else {
                    throw Diagnostic(.holdoutFraction(found: ScalarText.number(r)), at: clause.value.span)
                }
                validation = .holdout(fraction: r)
            case "seed":
                seed = UInt64(try wholeNumber(clause.value, what: "a seed", minimum: 0))
            default:
                parallel = try wholeNumber(clause.value, what: "`parallel`", minimum: 1)
            }
        }
        let assembly = PipelineAssembly(evaluator: self, schema: schema.removing(target.name))
        var fitTags = dataTags(data, name: dataName)
        fitTags["target"] = target.name
        fitTags["seed"] = String(seed)
        if let validation { fitTags["validation"] = validation.description }
        switch value {
        case .pipeline(let pipelineValue):
            let pipeline = try assembly.pipeline(pipelineValue, at: pipelineExpression.span)
            let progress = FitProgress(output: output, label: "fit \(pipeline.name)", delay: .seconds(settings.progressAfter))
            let (fitted, runID) = try learn(at: span, components: pipelineValue.components) { () throws(LearnError) in
                try observer.fit(pipeline, tags: fitTags) { () throws(LearnError) in
                    try engine.fit(
                        pipeline, on: data, target: target.name, validation: validation,
                        context: fitContext(seed: seed, threads: parallel, progress: progress))
                }
            }
            progress.finish("fitted \(pipeline.name) in \(ScalarText.seconds(fitted.seconds))")
            return .model(ModelValue(fitted, dataName: dataName, runID: runID))
        case .list(let items):
            var pipelines: [Pipeline] = []
            var values: [PipelineValue] = []
            for item in items {
                guard case .pipeline(let pipelineValue) = item else {
                    throw Diagnostic(.boardNeedsPipelines(found: item.typeName), at: pipelineExpression.span)
                }
                pipelines.append(try assembly.pipeline(pipelineValue, at: pipelineExpression.span))
                values.append(pipelineValue)
            }
            let progress = FitProgress(output: output, label: "fit \(pipelines.count) models", delay: .seconds(settings.progressAfter))
            let start = ContinuousClock.now
            let (board, parentRunID, runIDs): (Board, String?, [String?])
            do throws(LearnError) {
                (board, parentRunID, runIDs) = try observer.board(pipelines, tags: fitTags) { events throws(LearnError) in
                    try engine.fitBoard(
                        pipelines, on: data, target: target.name, validation: validation, parallel: parallel,
                        context: fitContext(seed: seed, threads: parallel, progress: progress), events: events)
                }
            } catch {
                let components = error.boardEntry.map { values[$0].components } ?? []
                throw diagnostic(error, at: span, components: components)
            }
            let elapsed = start.duration(to: .now)
            progress.finish("fitted \(pipelines.count) models in \(ScalarText.seconds(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))")
            return .board(BoardValue(board, dataName: dataName, runIDs: runIDs, parentRunID: parentRunID))
        default:
            throw Diagnostic(.fitNeedsPipeline(found: value.typeName), at: pipelineExpression.span)
        }
    }

    // MARK: evaluate

    private func evaluateModels(_ modelExpression: Expression, on dataExpression: Expression, metrics names: [Identifier]) throws(Diagnostic) -> Value {
        let value = try evaluate(modelExpression)
        let data = try dataset(dataExpression, for: "evaluate")
        let models: [FittedPipeline]
        let modelRuns: [String?]
        switch value {
        case .model(let model):
            models = [model.fitted]
            modelRuns = [model.runID]
        case .board(let board):
            models = board.board.models
            modelRuns = models.indices.map { board.model(at: $0).runID }
        default:
            throw Diagnostic(.evaluateNeedsModel(found: value.typeName), at: modelExpression.span)
        }
        var metrics: [Metric]?
        if !names.isEmpty {
            var chosen: [Metric] = []
            for name in names {
                guard let metric = Metric(rawValue: name.name) else {
                    throw Diagnostic(.unknownMetric(name.name, among: Metric.allCases.map(\.rawValue)), at: name.span)
                }
                if let first = models.first, metric.isForClasses != (first.task == .classification) {
                    let kinds = Metric.allCases.filter { $0.isForClasses == (first.task == .classification) }.map(\.rawValue)
                    throw Diagnostic(.metricForModel(metric.rawValue, scoresClasses: metric.isForClasses, alternatives: kinds), at: name.span)
                }
                chosen.append(metric)
            }
            metrics = chosen
        }
        var rows: [(name: String, kind: String, scores: [MetricScore])] = []
        let dataName: String? = if case .name(let n) = dataExpression.kind { n } else { nil }
        let dataTags = observer.isRecording ? self.dataTags(data, name: dataName) : [:]
        let engine = engines.engine(for: data)
        for (model, modelRun) in zip(models, modelRuns) {
            try checkCancellation(at: modelExpression.span)
            let scores = try learn(at: dataExpression.span) { () throws(LearnError) in
                try observer.evaluation(of: model, run: modelRun, on: dataName, tags: dataTags) { () throws(LearnError) in
                    try engine.evaluate(model, on: data, metrics: metrics)
                }
            }
            rows.append((model.name, model.kind, scores))
        }
        return .dataset(try Leaderboard.scores(rows, rankBy: models.first?.defaultMetric))
    }

    // MARK: Pieces

    func dataset(_ expression: Expression, for command: String) throws(Diagnostic) -> TableRef {
        let value = try evaluate(expression)
        guard let data = value.asTable else {
            throw Diagnostic(.needsDatasetAfterOn(command, found: value.typeName), at: expression.span)
        }
        return data
    }

    /// The rows of a table in the kernel (the first `limit`, when given), for work done here.
    func collect(_ table: TableRef, limit: Int? = nil, at span: SourceSpan) throws(Diagnostic) -> Dataset {
        let engine = engines.engine(for: table)
        return try engineWork(at: span) { () throws(EngineError) in try engine.collect(table, limit: limit) }
    }

    /// What runs record of their data: its name, rows and fingerprint for a local table; a
    /// remote table's engine is recorded instead, since counting or hashing it would run a job.
    func dataTags(_ table: TableRef, name: String?) -> [String: String] {
        switch table {
        case .local(let data): return RunContent.dataTags(data, name: name)
        case .remote(let remote):
            var tags = ["engine": remote.engine.name]
            if let name { tags["dataset"] = name }
            return tags
        }
    }

    func fitContext(seed: UInt64, threads: Int? = nil, progress: FitProgress?) -> FitContext {
        let token = cancellation
        return FitContext(
            seed: seed, threads: threads ?? settings.parallel, isCancelled: { token.isCancelled },
            progress: { fraction in progress?.report(fraction) })
    }

    /// Runs learning work, turning its error into a diagnostic at the component that raised it
    /// (when known) or at `span`.
    func learn<T>(at span: SourceSpan, components: [ComponentCall] = [], _ work: () throws(LearnError) -> T) throws(Diagnostic) -> T {
        do { return try work() } catch { throw diagnostic(error, at: span, components: components) }
    }

    func diagnostic(_ error: LearnError, at span: SourceSpan, components: [ComponentCall]) -> Diagnostic {
        if error == .cancelled { return Diagnostic.interrupted(at: span) }
        var at = span
        if let index = error.component {
            // Derive stages expand to one stage per definition; count them to find the call.
            var position = 0
            for component in components {
                let width = component.name == "derive" ? max(component.definitions.count, 1) : 1
                if index < position + width { at = component.span; break }
                position += width
            }
        }
        return Diagnostic(.learning(error.message, help: error.help), at: at)
    }
}
