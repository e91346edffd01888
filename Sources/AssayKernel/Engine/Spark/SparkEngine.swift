import ArrowIPC
import AssayFrame
import AssayLearn
import Foundation
import SparkConnect
import Synchronization

/// The Spark engine: tables are plans on a Spark cluster reached through Spark Connect; data
/// operations extend the plans and nothing runs until rows are shown, counted or collected.
///
/// Schemas are known in the kernel (a load asks the server once; operations derive theirs the
/// way the embedded engine does), so checks before running need no round trip.
final class SparkEngine: Engine {
    let name = "spark"
    /// The address as the user wrote it (credentials included): kept to connect again, never shown.
    private let uri: String
    private let current: Mutex<any SparkConnection>
    let cell: CellScope
    /// Local datasets joined with Spark ones are uploaded up to this many rows.
    static let uploadLimit = 100_000
    /// Rows per Arrow stream of an upload: one plan message stays well under gRPC's limits.
    static let uploadChunkRows = 200_000

    init(uri: String, connection: any SparkConnection, cell: CellScope) {
        self.uri = uri
        current = Mutex(connection)
        self.cell = cell
    }

    var connection: any SparkConnection { current.withLock { $0 } }

    /// Runs work on the session; when the server has lost it (a restarted server), connects a
    /// new session once and runs the work again. Uploaded tables were in the old session.
    func onSession<T>(_ work: (any SparkConnection) throws(SparkConnectError) -> T) throws(EngineError) -> T {
        let connection = self.connection
        do { return try work(connection) } catch {
            guard Self.sessionIsGone(error) else { throw Self.engineError(error, at: connection.address) }
        }
        let fresh: any SparkConnection
        do { fresh = try SparkConnectConnection(uri: uri) } catch { throw Self.engineError(error, at: connection.address) }
        current.withLock { $0 = fresh }
        connection.close()
        cell.output?.stream(.stderr, "the Spark server started a new session (it restarted): datasets uploaded before are gone\n")
        do { return try work(fresh) } catch { throw Self.engineError(error, at: fresh.address) }
    }

    static func sessionIsGone(_ error: SparkConnectError) -> Bool {
        let text = (error.errorClass ?? "") + " " + error.message
        return ["SESSION_CHANGED", "SESSION_CLOSED", "SESSION_NOT_FOUND"].contains { text.contains($0) }
    }

    /// Connects and checks that the server answers.
    static func connect(uri: String, cell: CellScope) throws(EngineError) -> SparkEngine {
        let connection = try spark(at: uri) { () throws(SparkConnectError) in try SparkConnectConnection(uri: uri) }
        _ = try spark(at: connection.address) { () throws(SparkConnectError) in try connection.version() }
        return SparkEngine(uri: uri, connection: connection, cell: cell)
    }

    func summary() throws(EngineError) -> String {
        let version = try onSession { (connection) throws(SparkConnectError) in try connection.version() }
        let connection = self.connection
        let settings = (try? connection.configuration(["spark.master", "spark.default.parallelism"])) ?? [:]
        var parts = ["master \(settings["spark.master"] ?? "unknown")"]
        if let parallelism = settings["spark.default.parallelism"] { parts.append("parallelism \(parallelism)") }
        return "spark \(version) at \(connection.address) (\(parts.joined(separator: ", ")))"
    }

    // MARK: Tables

    func table(_ relation: SparkRelation, schema: Schema) -> TableRef {
        .remote(SparkTable(engine: self, relation: relation, schema: schema))
    }

    /// A table of a plan whose schema only the server knows: asks it once, and converts the
    /// columns to Assay's types.
    func analyzed(_ relation: SparkRelation) throws(EngineError) -> TableRef {
        let cancelled = isCancelled
        let type = try onSession { (connection) throws(SparkConnectError) in try connection.schema(of: relation, isCancelled: cancelled) }
        let columns = SparkSchema.columns(of: type)
        var seen = Set<String>()
        for column in columns where !seen.insert(column.name).inserted {
            throw .unsupported("the Spark table has two columns named `\(column.name)`", help: "rename one in the query: `SELECT a.\(column.name) AS other_name ...`")
        }
        return table(SparkSchema.normalized(relation, columns), schema: SparkSchema.schema(columns))
    }

    func sparkTable(_ table: TableRef) throws(EngineError) -> SparkTable {
        switch table {
        case .remote(let remote as SparkTable) where remote.spark === self: return remote
        case .remote(let remote):
            throw .unsupported("this dataset is on another engine (\(remote.engine.name))", help: "`collect` it, then `upload` it here")
        case .local:
            throw .unsupported("this dataset is in the kernel, and this work runs on Spark", help: "send it to the cluster first: `upload DATA`")
        }
    }

    // MARK: Data

    func schema(of table: TableRef) -> Schema { table.schema }

    func rowCount(of table: TableRef) throws(EngineError) -> Int {
        let spark = try sparkTable(table)
        let counted = try fetch(spark.relation.aggregate(keys: [], [SparkExpression.call("count", .integer(1)).cast(to: "double").named("n")]),
            schema: Schema([.init("n", .number)]))
        guard case .number(let values)? = counted.columns.first?.values, let n = values.first, n.isFinite else { return 0 }
        return Int(n)
    }

    func read(path: String, name: String, options: CSVOptions) throws(EngineError) -> TableRef {
        let lower = path.lowercased()
        let format = ["parquet", "json", "orc", "csv", "tsv"].first { lower.hasSuffix("." + $0) } ?? "csv"
        var settings: [String: String] = [:]
        if format == "csv" || format == "tsv" {
            settings = ["header": "true", "inferSchema": "true", "sep": options.separator.map { String(UnicodeScalar($0)) } ?? ",", "nullValue": "", "nanValue": "NaN"]
            if format == "tsv" && options.separator == nil { settings["sep"] = "\t" }
        }
        let source = format == "tsv" ? "csv" : format
        let relation = SparkRelation.files([path], format: source, options: settings)
        guard !options.types.isEmpty, source == "csv" else { return try analyzed(relation) }
        // `types {zip: string}` must hold before inference turns "01234" into 1234: the file is
        // read again with a schema, Spark's inferred types for the other columns.
        let cancelled = isCancelled
        let inferred = try onSession { (connection) throws(SparkConnectError) in try connection.schema(of: relation, isCancelled: cancelled) }
        guard case .struct(let structure)? = inferred.kind else { return try analyzed(relation) }
        let ddl = structure.fields.map { field in
            let type = options.types[field.name].map { type in
                switch type {
                case .number: "DOUBLE"
                case .string: "STRING"
                case .bool: "BOOLEAN"
                }
            } ?? SparkSchema.ddlType(field.dataType)
            return "\(SparkExpression.quoted(field.name)) \(type)"
        }.joined(separator: ", ")
        settings["inferSchema"] = "false"
        return try analyzed(.files([path], format: source, options: settings, schema: ddl))
    }

    func read(_ source: CatalogSource) throws(EngineError) -> TableRef {
        switch source {
        case .table(let name): try analyzed(.table(name))
        case .sql(let query): try analyzed(.sql(query))
        }
    }

    func apply(_ operation: DataOperation, to table: TableRef) throws(EngineError) -> TableRef {
        let input = try sparkTable(table)
        let schema = input.schema
        var other: (SparkRelation, Schema)?
        if case .join(let otherTable, _, _) = operation {
            let right = try joinable(otherTable)
            other = (right.relation, right.schema)
        }
        let output = try SparkPlan.schema(after: operation, on: schema, other: other?.1)
        return self.table(SparkPlan.apply(operation, to: input.relation, schema: schema, other: other), schema: output)
    }

    /// The other side of a join, uploaded when it is a small local dataset.
    private func joinable(_ table: TableRef) throws(EngineError) -> SparkTable {
        guard case .local(let data) = table else { return try sparkTable(table) }
        return try sparkTable(uploadSmall(data, limit: Self.uploadLimit))
    }

    func split(_ table: TableRef, fractions: [Double], stratify: String?, seed: UInt64) throws(EngineError) -> [TableRef] {
        let input = try sparkTable(table)
        return SparkPlan.split(input.relation, schema: input.schema, fractions: fractions, stratify: stratify, seed: seed)
            .map { self.table($0, schema: input.schema) }
    }

    func collect(_ table: TableRef, limit: Int?) throws(EngineError) -> Dataset {
        let input = try sparkTable(table)
        return try fetch(limit.map { input.relation.limit($0) } ?? input.relation, schema: input.schema)
    }

    func upload(_ data: Dataset) throws(EngineError) -> TableRef {
        try SparkUpload(engine: self).send(data)
    }

    func describe(_ table: TableRef) throws(EngineError) -> [ColumnSummary] {
        try SparkDescribe(engine: self).summaries(of: try sparkTable(table))
    }

    func write(_ table: TableRef, to path: String) throws(EngineError) {
        let input = try sparkTable(table)
        let lower = path.lowercased()
        let format = ["parquet", "json", "orc", "csv", "tsv"].first { lower.hasSuffix("." + $0) } ?? "parquet"
        var options: [String: String] = [:]
        if format == "csv" { options = ["header": "true"] }
        if format == "tsv" { options = ["header": "true", "sep": "\t"] }
        try run(.with {
            $0.writeOperation = .with {
                $0.input = input.relation
                $0.source = format == "tsv" ? "csv" : format
                $0.path = path
                $0.mode = .overwrite
                $0.options = options
            }
        })
    }

    func write(_ table: TableRef, toTable name: String) throws(EngineError) {
        let input = try sparkTable(table)
        try run(.with {
            $0.writeOperation = .with {
                $0.input = input.relation
                $0.table = .with { $0.tableName = name; $0.saveMethod = .saveAsTable }
                $0.mode = .overwrite
            }
        })
    }

    // MARK: Running plans

    var isCancelled: @Sendable () -> Bool {
        let token = cell.cancellation
        return { token.isCancelled }
    }

    /// Runs a relation and decodes its rows into a local dataset, batch by batch.
    func fetch(_ relation: SparkRelation, schema: Schema) throws(EngineError) -> Dataset {
        let decoder = ArrowStreamDecoder()
        try execute(.with { $0.root = relation }) { (bytes: Data) throws(EngineError) in
            let failure: ArrowError? = bytes.withUnsafeBytes { buffer in
                do throws(ArrowError) {
                    try decoder.feed(buffer)
                    return nil
                } catch { return error }
            }
            if let failure { throw .unsupported("the cluster's result could not be read: \(failure)", help: failure.help) }
        }
        let data: Dataset
        do { data = try decoder.finish() } catch { throw .unsupported("the cluster's result could not be read: \(error)", help: error.help) }
        // A plan with no rows may send no batch at all: the schema gives the empty table.
        if data.columnCount == 0 && schema.count > 0 {
            do { return try Dataset.empty(schema) } catch { throw .frame(error) }
        }
        return data
    }

    /// Runs a command (a write, a view), reading nothing back.
    func run(_ command: Spark_Connect_Command) throws(EngineError) {
        try execute(.with { $0.command = command }) { (_: Data) throws(EngineError) in }
    }

    private func execute(_ plan: Spark_Connect_Plan, onBatch: (Data) throws(EngineError) -> Void) throws(EngineError) {
        let progress = FitProgress(output: cell.output, label: "Spark", delay: cell.progressAfter)
        var failure: EngineError?
        let cancelled = isCancelled
        let started = ContinuousClock.now
        let tasks = Mutex<Int64>(0)
        do {
            try onSession { (connection) throws(SparkConnectError) in
                try connection.execute(plan, isCancelled: cancelled, onProgress: { update in
                    tasks.withLock { $0 = max($0, update.tasks) }
                    progress.report(update.fraction, label: Self.label(update))
                }) { bytes in
                    do throws(EngineError) { try onBatch(bytes) } catch {
                        failure = error
                        throw error
                    }
                }
            }
        } catch {
            throw failure ?? error
        }
        let seconds = Double(started.duration(to: .now).components.attoseconds) / 1e18 + Double(started.duration(to: .now).components.seconds)
        progress.finish("Spark: \(tasks.withLock { $0 }) tasks in \(String(format: "%.1f", seconds)) s")
    }

    /// "Spark: stage 4, 37/120 tasks"
    static func label(_ progress: SparkProgress) -> String {
        guard progress.tasks > 0 else { return "Spark: planning" }
        let running = progress.stages.filter { !$0.done }.map { String($0.id) }
        let stages = running.isEmpty ? "" : " stage\(running.count == 1 ? "" : "s") \(running.joined(separator: ", ")),"
        return "Spark:\(stages) \(progress.completedTasks)/\(progress.tasks) tasks"
    }

    // MARK: Errors

    static func spark<T>(at address: String, _ work: () throws(SparkConnectError) -> T) throws(EngineError) -> T {
        do { return try work() } catch { throw engineError(error, at: address) }
    }

    /// A client error in the terms the evaluator shows: Spark's own message and class, a server
    /// that does not answer, an interrupt, or a bad address with how to write it.
    static func engineError(_ error: SparkConnectError, at address: String) -> EngineError {
        switch error.kind {
        case .cancelled: return .cancelled
        case .unavailable: return .unavailable(address: address, detail: Self.firstLine(error.message))
        case .invalidURI:
            return .unsupported(error.message, help: "write the address as `sc://HOST:PORT`, with Spark's options after `/;`, such as `sc://HOST:15002/;token=TOKEN`")
        case .unauthenticated:
            return .unsupported("the Spark Connect server at \(address) refused the credentials: \(Self.firstLine(error.message))", help: "check the token in the address: `sc://HOST:PORT/;token=TOKEN`")
        case .analysis, .execution, .protocol:
            var message = Self.firstLine(error.message)
            if let errorClass = error.errorClass, message.hasPrefix("[\(errorClass)] ") { message.removeFirst(errorClass.count + 3) }
            return .remote(message, errorClass: error.errorClass)
        }
    }

    private static func firstLine(_ text: String) -> String {
        (text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text).trimmingCharacters(in: .whitespaces)
    }
}
