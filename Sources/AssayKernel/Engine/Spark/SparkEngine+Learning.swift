import AssayFrame
import AssayLearn

/// Training on the cluster (MLlib over Spark Connect) is the second half of the Spark engine;
/// until then learning work on a Spark dataset says how to do it in the kernel.
extension SparkEngine {
    static let trainingHelp = "bring the rows into the kernel first: `collect DATA` (or `collect DATA limit N` for a sample)"

    private func notYet(_ what: String) -> LearnError {
        LearnError("\(what) on a Spark dataset is not available yet: MLlib training through Spark Connect comes with the Spark engine's second part", help: Self.trainingHelp)
    }

    func fitTransform(_ stage: any Stage, on table: TableRef, context: FitContext) throws(LearnError) -> TableRef {
        throw notYet("a stage")
    }

    func fit(_ pipeline: Pipeline, on table: TableRef, target: String, validation: ValidationScheme?, context: FitContext)
        throws(LearnError) -> FittedPipeline
    { throw notYet("`fit`") }

    func fitBoard(
        _ pipelines: [Pipeline], on table: TableRef, target: String, validation: ValidationScheme?, parallel: Int,
        context: FitContext, events: BoardEvents
    ) throws(LearnError) -> Board { throw notYet("`fit`") }

    func validate(
        _ pipeline: Pipeline, on table: TableRef, target: String, scheme: ValidationScheme, metrics: [Metric], context: FitContext
    ) throws(LearnError) -> ValidationSummary { throw notYet("`tune`") }

    func evaluate(_ model: FittedPipeline, on table: TableRef, metrics: [Metric]?) throws(LearnError) -> [MetricScore] {
        throw notYet("`evaluate`")
    }

    func predict(_ model: FittedPipeline, on table: TableRef) throws(LearnError) -> TableRef { throw notYet("`predict`") }

    func importance(
        of model: FittedPipeline, method: ImportanceMethod, on table: TableRef?, repeats: Int, seed: UInt64, threads: Int
    ) throws(LearnError) -> FeatureImportance { throw notYet("`importance`") }

    func task(of table: TableRef, target: String) throws(EngineError) -> LearningTask {
        throw .unsupported("training on a Spark dataset is not available yet", help: Self.trainingHelp)
    }

    func defaultMetric(of table: TableRef, target: String) throws(LearnError) -> Metric { throw notYet("`tune`") }
}

extension Dataset {
    /// A dataset with no rows and the schema's columns.
    static func empty(_ schema: Schema) throws(FrameError) -> Dataset {
        let columns = schema.fields.map { field in
            switch field.type {
            case .number: Column(field.name, .number([]))
            case .string: Column(field.name, .string(StringColumn(dictionary: [], codes: [])))
            case .bool: Column(field.name, .bool([]))
            }
        }
        return try Dataset(columns: columns)
    }
}
