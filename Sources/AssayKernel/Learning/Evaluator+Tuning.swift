import AssayFrame
import AssayLanguage
import AssayLearn
import AssayRender
import AssayTracking

// `tune PIPELINE on DATA target COL [metric M] [search tpe|random|grid] [trials N] [parallel P]
// [cv K | holdout R] [seed S] [stop after N]`.

extension Evaluator {
    func tune(_ pipelineExpression: Expression, on dataExpression: Expression, target: Identifier, clauses: [LearningClause], span: SourceSpan)
        throws(Diagnostic) -> TuningValue
    {
        var value = try evaluateComponent(pipelineExpression)
        if case .space(let call) = value { value = .pipeline(PipelineValue([call])) }
        guard case .pipeline(let pipeline) = value else {
            throw Diagnostic(.tuneNeedsPipeline(found: value.typeName), at: pipelineExpression.span)
        }
        let data = try dataset(dataExpression, for: "tune")
        let dataName: String? = if case .name(let n) = dataExpression.kind { n } else { nil }
        let schema = data.schema
        guard schema.contains(target.name) else {
            throw Evaluator.unknownColumn(target.name, at: target.span, in: schema, dataName)
        }
        let engine = engines.engine(for: data)

        var metricName: (String, SourceSpan)?
        var search = "tpe"
        var trials = 30
        var parallel = settings.parallel
        var scheme = ValidationScheme.crossValidation(folds: 3)
        var seed = UInt64(settings.seed)
        var stopAfter: Int?
        for clause in clauses {
            switch clause.keyword.name {
            case "metric":
                if case .name(let word) = clause.value.kind { metricName = (word, clause.value.span) }
            case "search":
                guard case .name(let word) = clause.value.kind, ["tpe", "random", "grid"].contains(word) else {
                    let word: String = if case .name(let w) = clause.value.kind { w } else { "?" }
                    throw Diagnostic(.unknownSearch(word, among: ["tpe", "random", "grid"]), at: clause.value.span)
                }
                search = word
            case "trials": trials = try wholeNumber(clause.value, what: "`trials`", minimum: 1)
            case "parallel": parallel = try wholeNumber(clause.value, what: "`parallel`", minimum: 1)
            case "cv": scheme = .crossValidation(folds: try wholeNumber(clause.value, what: "`cv`", minimum: 2))
            case "holdout":
                let r = try number(clause.value, what: "`holdout`")
                guard r > 0, r < 1 else {
                    throw Diagnostic(.holdoutFraction(found: ScalarText.number(r)), at: clause.value.span)
                }
                scheme = .holdout(fraction: r)
            case "seed": seed = UInt64(try wholeNumber(clause.value, what: "a seed", minimum: 0))
            default: stopAfter = try wholeNumber(clause.value, what: "`stop after`", minimum: 1)
            }
        }

        // The metric: the task's default, or the one named, which must suit the task.
        let classification = try engineWork(at: target.span) { () throws(EngineError) in try engine.task(of: data, target: target.name) } == .classification
        let metric: Metric
        if let (name, at) = metricName {
            guard let named = Metric(rawValue: name) else {
                throw Diagnostic(.unknownMetric(name, among: Metric.allCases.map(\.rawValue)), at: at)
            }
            guard named.isForClasses == classification else {
                throw Diagnostic(.metricForTarget(name, scoresClasses: named.isForClasses, target: target.name), at: at)
            }
            metric = named
        } else {
            metric = try learn(at: target.span) { () throws(LearnError) in try engine.defaultMetric(of: data, target: target.name) }
        }

        let space = try TuningSpace(pipeline, evaluator: self)
        let searched = space.space.searchedPaths
        guard !searched.isEmpty else {
            throw Diagnostic(.nothingToTune, at: pipelineExpression.span)
        }
        let searcher: any Searcher = switch search {
        case "grid": GridSearch()
        case "random": RandomSearch()
        default: TPESearch()
        }
        // A trial's suggestion waits for the results of all but the 4 trials before it: enough
        // for a pool of 5 to stay busy, and the same for any `parallel`, so results reproduce.
        let sweep = Sweep(space: space.space, searcher: searcher, trials: trials, parallel: parallel, seed: seed, lag: Self.tuningLag, stopAfter: stopAfter)
        let planned = try learn(at: span) { () throws(LearnError) in try sweep.plannedTrials() }

        // Each trial: the assignment's pipeline, fitted inside every fold.
        let features = schema.removing(target.name)
        let engines = self.engines
        let bindings = self.bindings
        let token = cancellation
        let settings = self.settings
        let perTrial = max(1, parallel / max(1, min(parallel, planned)))
        let metrics = [metric]
        let targetName = target.name
        let (trialSeed, trialScheme) = (seed, scheme)
        let progress = FitProgress(output: output, label: "tune: \(planned) trials", delay: .seconds(settings.progressAfter))
        var tags = dataTags(data, name: dataName)
        tags["target"] = target.name
        tags["seed"] = String(seed)
        let plan = SweepPlan(name: "tune \(search): \(pipeline.text)".prefix(200).description, search: search, trials: planned, metric: metric, scheme: scheme)
        // The sweep hands each trial its seed; the seeds tell the trials apart.
        var trialIndex: [UInt64: Int] = [:]
        for i in 0..<planned { trialIndex[Sweep.trialSeed(seed, trial: i)] = i }
        let trialIndexOf = trialIndex
        // Kept once the sweep has run, to tell a sweep without a best trial from one that could not start.
        var ran: SweepResult<MetricScore>?
        var records: [TuningValue.TrialRecord] = []
        let tuning: TuningValue
        do throws(LearnError) {
            tuning = try observer.sweep(plan, tags: tags) { trials throws(LearnError) -> TuningValue in
                let start = ContinuousClock.now
                let result = try sweep.run(
                    isCancelled: { token.isCancelled },
                    progress: { p in
                        let best = p.bestLoss.map { " · best \(metric.rawValue) \(ScalarText.score(metric.isHigherBetter ? -$0 : $0))" } ?? ""
                        progress.report(Double(p.finished) / Double(max(p.total, 1)), label: "tune: trial \(p.finished) of \(p.total)\(best)")
                    },
                    evaluate: { assignment, trialSeedOfSweep -> (loss: Double, extra: MetricScore) in
                        let evaluator = Evaluator(bindings: bindings, cancellation: token, settings: settings, output: nil, engines: engines)
                        let trialPipeline = space.pipeline(for: assignment)
                        let assembled = try PipelineAssembly(evaluator: evaluator, schema: features).pipeline(trialPipeline, at: span)
                        let index = trialIndexOf[trialSeedOfSweep] ?? -1
                        let score = try trials.trial(index, pipeline: assembled, assignment: assignment) { () throws(LearnError) in
                            // Every trial uses the sweep's seed, so all of them are scored on the same folds.
                            let context = FitContext(seed: trialSeed, threads: perTrial, isCancelled: { token.isCancelled })
                            let summary = try engine.validate(
                                assembled, on: data, target: targetName, scheme: trialScheme, metrics: metrics, context: context)
                            guard let score = summary.score(metric), score.value.isFinite else {
                                throw LearnError("the trial's \(metric.rawValue) is not a number")
                            }
                            return score
                        }
                        return (metric.isHigherBetter ? -score.value : score.value, score)
                    })
                ran = result
                let seconds = PipelineTrainer.seconds(since: start)
                records = result.trials.map { trial in
                    var parameters: [(path: String, value: ParameterValue)] = []
                    var model: String?
                    for entry in trial.assignment.entries where searched.contains(entry.path) {
                        if entry.path == "model" { model = entry.value.description } else { parameters.append((entry.path, entry.value)) }
                    }
                    return TuningValue.TrialRecord(
                        index: trial.index, parameters: parameters, model: model, mean: trial.extra?.value, std: trial.extra?.std,
                        seconds: trial.seconds, error: trial.error.map(Self.describe))
                }
                guard let best = result.best else {
                    throw result.interrupted ? .cancelled : LearnError("every trial failed")
                }
                let bestPipeline = space.pipeline(for: best.assignment)
                let tuning = TuningValue(
                    search: search, metric: metric, scheme: scheme, paths: searched.filter { $0 != "model" }, searchesModels: space.searchesModels,
                    trials: records, bestTrial: best.index, planned: planned, interrupted: result.interrupted, stoppedEarly: result.stoppedEarly,
                    seconds: seconds, bestPipeline: bestPipeline, data: data, dataName: dataName, target: target.name, seed: seed, best: nil)
                progress.finish("tuned \(result.trials.count) trials in \(ScalarText.seconds(seconds))")
                return tuning
            }
        } catch {
            guard let result = ran else { throw diagnostic(error, at: span, components: []) }
            if result.interrupted { throw Diagnostic.interrupted(at: span) }
            let first = records.first { $0.error != nil }?.error ?? "no trial finished"
            throw Diagnostic(.everyTrialFailed(first: first), at: span)
        }
        if !tuning.interrupted {
            tuning.remember(try refitBest(tuning, at: span))
        }
        return tuning
    }

    /// Trials whose results a suggestion does not wait for (see `Sweep`).
    static let tuningLag = 4

    /// The best trial's pipeline fitted on all of the tuning data, with the trial's validation
    /// score as its validation metric.
    func refitBest(_ tuning: TuningValue, at span: SourceSpan) throws(Diagnostic) -> ModelValue {
        if let model = tuning.best { return model }
        guard let pipelineValue = tuning.bestPipeline else { throw Diagnostic(.noTrialFinished, at: span) }
        let pipeline = try PipelineAssembly(evaluator: self, schema: tuning.data.schema.removing(tuning.target))
            .pipeline(pipelineValue, at: span)
        let engine = engines.engine(for: tuning.data)
        var fitted = try learn(at: span) { () throws(LearnError) in
            try engine.fit(
                pipeline, on: tuning.data, target: tuning.target, validation: nil,
                context: fitContext(seed: tuning.seed, threads: settings.parallel, progress: nil))
        }
        if let record = tuning.bestRecord, let mean = record.mean {
            fitted.validation = ValidationSummary(scheme: tuning.scheme, scores: [MetricScore(metric: tuning.metric, value: mean, std: record.std)])
        }
        let model = ModelValue(fitted, dataName: tuning.dataName)
        tuning.remember(model)
        return model
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? LearnError { return error.message }
        if let error = error as? Diagnostic { return error.message }
        return "\(error)"
    }
}
