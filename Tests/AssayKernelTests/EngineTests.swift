import AssayFrame
import AssayLanguage
import AssayLearn
import AssayRender
import JupyterKernel
import Synchronization
import Testing

@testable import AssayKernel

/// A remote engine that holds no rows: it records the operations it is asked to apply, so a test
/// sees what crosses the seam and that checks before running need only the schema.
private final class RecordingEngine: Engine {
    let name = "recording"
    let applied = Mutex<[String]>([])

    func table(_ schema: Schema) -> TableRef { .remote(RecordedTable(engine: self, schema: schema)) }

    func summary() throws(EngineError) -> String { "recording" }
    func read(_ source: CatalogSource) throws(EngineError) -> TableRef { throw .unsupported("no catalog here", help: nil) }
    func write(_ table: TableRef, toTable name: String) throws(EngineError) {}
    func schema(of table: TableRef) -> Schema { table.schema }
    func rowCount(of table: TableRef) throws(EngineError) -> Int { throw .unsupported("no rows here", help: nil) }
    func read(path: String, name: String, options: CSVOptions) throws(EngineError) -> TableRef { throw .unsupported("no files here", help: nil) }
    func apply(_ operation: DataOperation, to table: TableRef) throws(EngineError) -> TableRef {
        applied.withLock { $0.append("\(operation)".prefix { $0 != "(" }.description) }
        var schema = table.schema
        switch operation {
        case .select(let names): schema = Schema(names.compactMap { schema.field($0) })
        case .derive(let definitions): for d in definitions { schema = schema.adding(d.name, .number) }
        default: break
        }
        return self.table(schema)
    }
    func split(_ table: TableRef, fractions: [Double], stratify: String?, seed: UInt64) throws(EngineError) -> [TableRef] {
        fractions.map { _ in table } + [table]
    }
    func collect(_ table: TableRef, limit: Int?) throws(EngineError) -> Dataset { throw .unsupported("no rows here", help: nil) }
    func upload(_ data: Dataset) throws(EngineError) -> TableRef { self.table(data.schema) }
    func describe(_ table: TableRef) throws(EngineError) -> [ColumnSummary] { [] }
    func write(_ table: TableRef, to path: String) throws(EngineError) {}
    func fitTransform(_ stage: any Stage, on table: TableRef, context: FitContext) throws(LearnError) -> TableRef { table }
    func fit(_ pipeline: Pipeline, on table: TableRef, target: String, validation: ValidationScheme?, context: FitContext)
        throws(LearnError) -> FittedPipeline
    { throw LearnError("not here") }
    func fitBoard(
        _ pipelines: [Pipeline], on table: TableRef, target: String, validation: ValidationScheme?, parallel: Int,
        context: FitContext, events: BoardEvents
    ) throws(LearnError) -> Board { throw LearnError("not here") }
    func validate(
        _ pipeline: Pipeline, on table: TableRef, target: String, scheme: ValidationScheme, metrics: [Metric], context: FitContext
    ) throws(LearnError) -> ValidationSummary { throw LearnError("not here") }
    func evaluate(_ model: FittedPipeline, on table: TableRef, metrics: [Metric]?) throws(LearnError) -> [MetricScore] { [] }
    func predict(_ model: FittedPipeline, on table: TableRef) throws(LearnError) -> TableRef { table }
    func importance(
        of model: FittedPipeline, method: ImportanceMethod, on table: TableRef?, repeats: Int, seed: UInt64, threads: Int
    ) throws(LearnError) -> FeatureImportance {
        throw LearnError("no importance here")
    }
    func task(of table: TableRef, target: String) throws(EngineError) -> LearningTask { .regression }
    func defaultMetric(of table: TableRef, target: String) throws(LearnError) -> Metric { .rmse }
}

private final class RecordedTable: RemoteTable {
    let engine: any Engine
    let schema: Schema
    init(engine: any Engine, schema: Schema) {
        self.engine = engine
        self.schema = schema
    }
    var caption: String { "recorded: \(schema.count) columns" }
    func rendering(rows: Int) -> Rendering { Rendering(plain: caption) }
}

@Suite struct EngineTests {
    private let engine = RecordingEngine()

    private func evaluate(_ code: String) throws(Diagnostic) -> Value {
        let flights = engine.table(Schema([.init("carrier", .string), .init("delay", .number), .init("distance", .number)]))
        let evaluator = Evaluator(bindings: ["flights": .dataset(flights), "limit": .number(60)], cancellation: CancellationToken())
        return try evaluator.evaluate(try Parser.parseExpression(SourceText(code)))
    }

    @Test func operationsOnARemoteTableReachItsEngineAsValues() throws {
        let value = try evaluate("flights | where delay > limit | derive km = distance * 1.6 | select carrier, km | head 5")
        #expect(engine.applied.withLock { $0 } == ["filter", "derive", "select", "head"])
        guard case .dataset(let table) = value else { Issue.record("not a dataset"); return }
        #expect(table.columnNames == ["carrier", "km"])
        #expect(value.resultText == "<dataset: recorded: 2 columns>")
    }

    @Test func columnsAreCheckedFromTheSchemaBeforeTheEngineRuns() {
        var failure: Diagnostic?
        do throws(Diagnostic) { _ = try evaluate("flights | where dealy > 60") } catch { failure = error }
        #expect(failure?.message == "unknown column `dealy` in dataset `flights`")
        #expect(failure?.help == "did you mean `delay`?")
        #expect(engine.applied.withLock { $0 }.isEmpty)
    }

    @Test func workThatRunsInTheKernelAsksToCollectARemoteTable() {
        var failure: Diagnostic?
        do throws(Diagnostic) { _ = try evaluate("flights.rows") } catch { failure = error }
        #expect(failure?.message == "no rows here")
    }

    @Test func theLocalEngineAppliesOperationsToTheDatasetItself() throws {
        let data = try Dataset(columns: [Column("x", numbers: [3, 1, 2]), Column("y", strings: ["c", "a", "b"])])
        let sorted = try LocalEngine().apply(.sort([("x", .ascending)]), to: .local(data))
        #expect(sorted == .local(try data.sorted(by: [("x", .ascending)])))
    }
}
