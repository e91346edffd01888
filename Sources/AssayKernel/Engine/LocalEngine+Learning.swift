import AssayFrame
import AssayLearn

// Learning on local tables: AssayLearn's trainers on the datasets themselves.

extension LocalEngine {
    /// The dataset of a local table, for learning work.
    func trainingData(_ table: TableRef) throws(LearnError) -> Dataset {
        switch table {
        case .local(let data): return data
        case .remote(let remote): throw LearnError(Self.elsewhere(remote), help: Self.collectHelp)
        }
    }

    func fitTransform(_ stage: any Stage, on table: TableRef, context: FitContext) throws(LearnError) -> TableRef {
        let data = try trainingData(table)
        return .local(try stage.fit(data, context: context).transform(data))
    }

    func fit(_ pipeline: Pipeline, on table: TableRef, target: String, validation: ValidationScheme?, context: FitContext)
        throws(LearnError) -> FittedPipeline
    {
        try PipelineTrainer.fit(pipeline, on: try trainingData(table), target: target, validation: validation, context: context)
    }

    func fitBoard(
        _ pipelines: [Pipeline], on table: TableRef, target: String, validation: ValidationScheme?, parallel: Int,
        context: FitContext, events: BoardEvents
    ) throws(LearnError) -> Board {
        try PipelineTrainer.fitBoard(
            pipelines, on: try trainingData(table), target: target, validation: validation, parallel: parallel, context: context,
            events: events)
    }

    func validate(
        _ pipeline: Pipeline, on table: TableRef, target: String, scheme: ValidationScheme, metrics: [Metric], context: FitContext
    ) throws(LearnError) -> ValidationSummary {
        try PipelineTrainer.validate(pipeline, on: try trainingData(table), target: target, scheme: scheme, metrics: metrics, context: context)
    }

    func evaluate(_ model: FittedPipeline, on table: TableRef, metrics: [Metric]?) throws(LearnError) -> [MetricScore] {
        try model.evaluate(try trainingData(table), metrics: metrics)
    }

    func predict(_ model: FittedPipeline, on table: TableRef) throws(LearnError) -> TableRef {
        .local(try model.predictionDataset(try trainingData(table)))
    }

    func importance(
        of model: FittedPipeline, method: ImportanceMethod, on table: TableRef?, repeats: Int, seed: UInt64, threads: Int
    ) throws(LearnError) -> FeatureImportance {
        let data = try table.map { (table) throws(LearnError) in try trainingData(table) }
        switch method {
        case .impurity:
            guard let trees = model.model as? FittedTrees else { throw LearnError("`\(model.name)` has no trees") }
            return FeatureImportance(featureNames: trees.ensemble.featureNames, values: trees.ensemble.impurityImportance())
        case .coefficients:
            guard let terms = ImportanceMethod.linearTerms(of: model.model) else { throw LearnError("`\(model.name)` has no coefficients") }
            // Standardized coefficients: each weight times its feature's spread on the rows, when given.
            var spread = [Double](repeating: 1, count: terms.featureNames.count)
            if let data {
                let x = try model.features(data).aligned(to: terms.featureNames)
                spread = (0..<x.columnCount).map { Self.standardDeviation(x.column($0)) }
            }
            let values = terms.featureNames.indices.map { f in
                terms.weights.reduce(0) { $0 + abs($1[f] * spread[f]) } / Double(max(terms.weights.count, 1))
            }
            return FeatureImportance(
                featureNames: terms.featureNames, values: values, coefficients: terms.weights.count == 1 ? terms.weights[0] : nil)
        case .permutation:
            guard let data else { throw LearnError("permutation importance needs rows to score on") }
            let metric = model.defaultMetric
            let (x, truth) = (try model.features(data), try model.target(of: data))
            let fitted = model.model
            let result = try PermutationImportance.compute(
                x, repeats: repeats, seed: seed, threads: threads, higherIsBetter: metric.isHigherBetter,
                score: { shuffled in (try? Metric.compute(metric, target: truth, prediction: fitted.predict(shuffled))) ?? .nan })
            return FeatureImportance(featureNames: result.featureNames, values: result.mean, standardDeviation: result.standardDeviation)
        }
    }

    private static func standardDeviation(_ values: ArraySlice<Double>) -> Double {
        let finite = values.filter(\.isFinite)
        guard finite.count > 1 else { return 0 }
        let mean = finite.reduce(0, +) / Double(finite.count)
        return (finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count)).squareRoot()
    }

    func task(of table: TableRef, target: String) throws(EngineError) -> LearningTask {
        guard let column = try dataset(table).column(target) else {
            throw .frame(FrameError("unknown column `\(target)`"))
        }
        return TargetColumn.inferredTask(column)
    }

    func defaultMetric(of table: TableRef, target: String) throws(LearnError) -> Metric {
        Metric.defaultMetric(for: try TargetColumn.read(try trainingData(table), column: target, task: nil))
    }
}
