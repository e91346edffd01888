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
