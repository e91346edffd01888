import AssayFrame
import AssayLearn

/// What `load table` and `load sql` name in an engine's catalog.
enum CatalogSource: Sendable {
    case table(String)
    case sql(String)
}

/// Where tables live and models train. The evaluator, its checks and the displays are shared;
/// an engine answers for the tables it holds. `LocalEngine` is today's AssayFrame and AssayLearn
/// in the kernel process; a Spark engine would hold plans on a cluster.
///
/// Data work throws `EngineError`; learning work throws `LearnError`, whose component index lets
/// the evaluator point at the stage that failed.
protocol Engine: AnyObject, Sendable {
    /// The engine's name in messages and runs: "local".
    var name: String { get }
    /// What `engine` shows: the engine, its version and where it runs.
    func summary() throws(EngineError) -> String

    // MARK: Data

    /// The names and types of a table's columns.
    func schema(of table: TableRef) -> Schema
    /// The number of rows (on a remote engine, a job).
    func rowCount(of table: TableRef) throws(EngineError) -> Int
    /// A CSV file as a table; `path` is resolved, `name` is how messages call it.
    func read(path: String, name: String, options: CSVOptions) throws(EngineError) -> TableRef
    /// `load table NAME` and `load sql QUERY`: what the engine's catalog holds.
    func read(_ source: CatalogSource) throws(EngineError) -> TableRef
    /// `save DATA to table NAME`: the table written to the engine's catalog.
    func write(_ table: TableRef, toTable name: String) throws(EngineError)
    /// The table after one data operation.
    func apply(_ operation: DataOperation, to table: TableRef) throws(EngineError) -> TableRef
    /// `split`: disjoint parts of the rows, one per fraction plus the rest.
    func split(_ table: TableRef, fractions: [Double], stratify: String?, seed: UInt64) throws(EngineError) -> [TableRef]
    /// The rows in the kernel: all of them, or the first `limit`.
    func collect(_ table: TableRef, limit: Int?) throws(EngineError) -> Dataset
    /// A local dataset as a table of this engine.
    func upload(_ data: Dataset) throws(EngineError) -> TableRef
    /// One summary per column, for `describe` and `columns`.
    func describe(_ table: TableRef) throws(EngineError) -> [ColumnSummary]
    /// The table as a CSV file at a resolved path.
    func write(_ table: TableRef, to path: String) throws(EngineError)

    // MARK: Learning

    /// `data | stage()`: one stage fitted on the table and applied to it.
    func fitTransform(_ stage: any Stage, on table: TableRef, context: FitContext) throws(LearnError) -> TableRef
    /// `fit`: one pipeline on a table, validated first when a scheme is given.
    func fit(_ pipeline: Pipeline, on table: TableRef, target: String, validation: ValidationScheme?, context: FitContext)
        throws(LearnError) -> FittedPipeline
    /// `fit` of a list: a board of pipelines fitted side by side, reporting each model's progress to `events`.
    func fitBoard(
        _ pipelines: [Pipeline], on table: TableRef, target: String, validation: ValidationScheme?, parallel: Int,
        context: FitContext, events: BoardEvents
    ) throws(LearnError) -> Board
    /// A tuning trial: validation scores alone, without the final fit.
    func validate(
        _ pipeline: Pipeline, on table: TableRef, target: String, scheme: ValidationScheme, metrics: [Metric], context: FitContext
    ) throws(LearnError) -> ValidationSummary
    /// `evaluate`: a fitted model scored on a table.
    func evaluate(_ model: FittedPipeline, on table: TableRef, metrics: [Metric]?) throws(LearnError) -> [MetricScore]
    /// `predict`: the table with the model's predictions.
    func predict(_ model: FittedPipeline, on table: TableRef) throws(LearnError) -> TableRef
    /// `importance` of a fitted model; `table` gives the rows permutation importance scores on
    /// and standardized coefficients measure spreads on. The caller has checked that the model
    /// suits the method.
    func importance(
        of model: FittedPipeline, method: ImportanceMethod, on table: TableRef?, repeats: Int, seed: UInt64, threads: Int
    ) throws(LearnError) -> FeatureImportance
    /// What a target column asks for: classes or numbers.
    func task(of table: TableRef, target: String) throws(EngineError) -> LearningTask
    /// The metric `tune` ranks by when none is named.
    func defaultMetric(of table: TableRef, target: String) throws(LearnError) -> Metric
}

extension Engine {
    /// A local dataset sent along with work on this engine: allowed up to `limit` rows, which
    /// `upload` sends without asking; more is an error that says to upload it once.
    func uploadSmall(_ data: Dataset, limit: Int = 100_000) throws(EngineError) -> TableRef {
        guard data.rowCount <= limit else {
            throw .unsupported(
                "a dataset in the kernel with \(data.rowCount) rows meets one on the \(name) engine, and only datasets up to \(limit) rows are sent along on the fly",
                help: "send it once with `upload DATA` and use that")
        }
        return try upload(data)
    }
}
