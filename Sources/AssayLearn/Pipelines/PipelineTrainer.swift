import AssayFrame
import Synchronization

/// Fits pipelines on a dataset: validation folds first (the whole pipeline inside every fold),
/// then the final fit on all rows. Boards fit their pipelines side by side.
public enum PipelineTrainer {
    /// Fits one pipeline. `context.progress` goes from 0 to 1 over folds and the final fit.
    public static func fit(
        _ pipeline: Pipeline, on data: Dataset, target: String, validation: ValidationScheme?, context: FitContext
    ) throws(LearnError) -> FittedPipeline {
        let truth = try TargetColumn.read(data, column: target, task: pipeline.task)
        guard let targetColumn = data.column(target) else { throw LearnError("unknown target column `\(target)`") }
        let features = try StageColumns.dataset(data.columns.filter { $0.name != target }, stage: "fit")
        let reported = Metric.reported(for: truth)
        let splits = try validationSplits(validation, truth, seed: context.seed)
        let steps = Double(splits.count + 1)
        var foldContext = context
        foldContext.progress = { context.progress($0 * Double(splits.count) / steps) }
        let foldScores = try scoreFolds(
            pipeline, splits, features, truth, targetType: targetColumn.type, target: target, metrics: reported, context: foldContext)

        var finalContext = context
        finalContext.progress = { context.progress((Double(splits.count) + $0) / steps) }
        let start = ContinuousClock.now
        let fitted = try pipeline.fitComponents(features, truth, context: finalContext)
        let seconds = Self.seconds(since: start)
        var model = FittedPipeline(
            name: pipeline.name, target: target, task: truth.isClassification ? .classification : .regression,
            classes: classes(of: truth), targetType: targetColumn.type, inputColumns: features.columnNames,
            stages: fitted.stages, model: fitted.model, settings: pipeline.settings, trainingRows: data.rowCount,
            seconds: seconds, trainingScores: [], validation: nil, seed: context.seed)
        try context.checkCancellation()
        // Training scores are a sanity check, not a benchmark: a fixed sample of at most
        // `trainingScoreRows` rows keeps them cheap for models that predict slowly (knn).
        let scored = trainingSample(rows: data.rowCount)
        let scoredFeatures = scored.map { features.take($0) } ?? features
        let scoredTruth = scored.map { truth.take($0) } ?? truth
        model.trainingScores = try FittedPipeline.scores(reported, scoredTruth, try model.predict(scoredFeatures))
        if let validation {
            model.validation = ValidationSummary(scheme: validation, scores: summarize(foldScores, reported))
        }
        context.progress(1)
        return model
    }

    /// Validation scores alone, without the final fit: what tuning needs of a trial. `metrics`
    /// are scored on every held-out part; the result has their mean and std.
    public static func validate(
        _ pipeline: Pipeline, on data: Dataset, target: String, scheme: ValidationScheme, metrics: [Metric], context: FitContext
    ) throws(LearnError) -> ValidationSummary {
        let truth = try TargetColumn.read(data, column: target, task: pipeline.task)
        guard let targetColumn = data.column(target) else { throw LearnError("unknown target column `\(target)`") }
        let features = try StageColumns.dataset(data.columns.filter { $0.name != target }, stage: "fit")
        let splits = try validationSplits(scheme, truth, seed: context.seed)
        let folds = try scoreFolds(pipeline, splits, features, truth, targetType: targetColumn.type, target: target, metrics: metrics, context: context)
        return ValidationSummary(scheme: scheme, scores: summarize(folds, metrics))
    }

    /// Fits the whole pipeline on each split's training rows and scores it on the held-out rows.
    static func scoreFolds(
        _ pipeline: Pipeline, _ splits: [(train: [Int], test: [Int])], _ features: Dataset, _ truth: Target, targetType: ColumnType,
        target: String, metrics: [Metric], context: FitContext
    ) throws(LearnError) -> [[MetricScore]] {
        var foldScores: [[MetricScore]] = []
        for (index, split) in splits.enumerated() {
            var foldContext = context
            foldContext.progress = { context.progress((Double(index) + $0) / Double(splits.count)) }
            let fitted = try pipeline.fitComponents(features.take(split.train), truth.take(split.train), context: foldContext)
            let candidate = FittedPipeline(
                name: pipeline.name, target: target, task: truth.isClassification ? .classification : .regression,
                classes: classes(of: truth), targetType: targetType, inputColumns: features.columnNames,
                stages: fitted.stages, model: fitted.model, settings: pipeline.settings, trainingRows: split.train.count,
                seconds: 0, trainingScores: [], validation: nil, seed: context.seed)
            let prediction = try candidate.predict(features.take(split.test))
            foldScores.append(try FittedPipeline.scores(metrics, truth.take(split.test), prediction))
        }
        return foldScores
    }

    /// Fits several pipelines on the same data, `parallel` at a time; each gets an equal share of
    /// the context's threads. Every pipeline uses the context's seed, so the board does not
    /// depend on the order or the parallelism. The first failure (in board order) is thrown.
    /// `events` hears of each pipeline as it starts and ends.
    public static func fitBoard(
        _ pipelines: [Pipeline], on data: Dataset, target: String, validation: ValidationScheme?, parallel: Int,
        context: FitContext, events: BoardEvents = BoardEvents()
    ) throws(LearnError) -> Board {
        let count = pipelines.count
        guard count > 0 else { throw LearnError("a board needs at least one model") }
        let workers = max(1, min(parallel, count))
        var shared = context
        shared.threads = max(1, context.threads / workers)
        let next = Atomic<Int>(0)
        let fractions = Mutex([Double](repeating: 0, count: count))
        let results = Mutex([Result<FittedPipeline, LearnError>?](repeating: nil, count: count))
        TreeThreads.run(workers) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                var own = shared
                own.progress = { fraction in
                    let total = fractions.withLock { f -> Double in
                        f[index] = fraction
                        return f.reduce(0, +) / Double(count)
                    }
                    context.progress(total)
                }
                let result: Result<FittedPipeline, LearnError>
                events.started(index)
                do throws(LearnError) {
                    result = .success(try fit(pipelines[index], on: data, target: target, validation: validation, context: own))
                } catch {
                    result = .failure(error)
                }
                events.finished(index, result)
                results.withLock { $0[index] = result }
            }
        }
        var models: [FittedPipeline] = []
        for (index, result) in results.withLock({ $0 }).enumerated() {
            switch result {
            case .success(let model): models.append(model)
            case .failure(let error) where error == .cancelled: throw error
            case .failure(var error):
                error.message = "in `\(pipelines[index].name)`: " + error.message
                throw error.boardEntry(index)
            case nil: throw LearnError.cancelled
            }
        }
        return Board(models: models)
    }

    /// The most rows training scores are computed on.
    public static let trainingScoreRows = 10_000

    /// Evenly spaced rows when there are more than `trainingScoreRows`, else nil (all rows).
    static func trainingSample(rows: Int) -> [Int]? {
        guard rows > trainingScoreRows else { return nil }
        return (0..<trainingScoreRows).map { $0 * rows / trainingScoreRows }
    }

    static func classes(of target: Target) -> [String]? {
        if case .classes(_, let classes) = target { return classes }
        return nil
    }

    static func validationSplits(_ scheme: ValidationScheme?, _ target: Target, seed: UInt64) throws(LearnError) -> [(train: [Int], test: [Int])] {
        guard let scheme else { return [] }
        var labels: [Int32]?
        if case .classes(let l, _) = target { labels = l }
        switch scheme {
        case .crossValidation(let k):
            if let labels { return try Folds.stratifiedKFold(labels: labels, k: k, seed: seed) }
            return try Folds.kFold(rows: target.count, k: k, seed: seed)
        case .holdout(let fraction):
            return [try Folds.holdout(rows: target.count, fraction: fraction, labels: labels, seed: seed)]
        }
    }

    /// Mean and population standard deviation of each metric over folds.
    static func summarize(_ folds: [[MetricScore]], _ metrics: [Metric]) -> [MetricScore] {
        metrics.enumerated().map { position, metric in
            let values = folds.map { $0[position].value }
            let mean = values.reduce(0, +) / Double(max(values.count, 1))
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(values.count, 1))
            return MetricScore(metric: metric, value: mean, std: values.count > 1 ? variance.squareRoot() : nil)
        }
    }

    /// Seconds since `start`, as fit times are reported.
    public static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = start.duration(to: .now).components
        return Double(d.seconds) + Double(d.attoseconds) / 1e18
    }
}

extension LearnError {
    /// Marks an error of a board's pipeline with the pipeline's position (component stays).
    func boardEntry(_ index: Int) -> LearnError {
        var error = self
        error.boardEntry = index
        return error
    }
}
