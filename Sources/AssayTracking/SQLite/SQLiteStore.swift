import Foundation
import Synchronization

/// Runs in an embedded SQLite file: WAL journal, a busy timeout and one write transaction per
/// call, so several kernel processes can log into the same file at once. A call returns once its
/// transaction is in the log, where a killed process cannot lose it.
///
/// New files use SQLite's smallest pages, 512 bytes. A logged metric changes one row in each of
/// a few B-trees, and the log takes whole pages, so small pages cut what every call writes (and
/// what checkpoints copy and sync) by eight against the default 4 KiB; the log is checkpointed at
/// 8000 pages, the 4 MiB of SQLite's default. Rows here are short, so the trees stay shallow.
///
/// Opening the file marks runs left RUNNING by a process of this host that no longer exists as
/// FAILED, with an `error` tag saying why.
public final class SQLiteStore: TrackingStore {
    public let location: String
    private let connection: Mutex<SQLiteConnection>
    private let owner = ProcessIdentity.current

    /// The file name used when neither `ASSAY_TRACKING` nor `track to` names one.
    public static let defaultFile = "assay-runs.db"

    /// The key of the tag that says why a run failed.
    public static let errorTag = "error"

    public init(path: String) throws(TrackingError) {
        location = path
        let connection = try SQLiteConnection(path: path)
        try SQLiteStore.prepare(connection)
        self.connection = Mutex(connection)
        try failAbandonedRuns()
    }

    private static func prepare(_ connection: SQLiteConnection) throws(TrackingError) {
        // Only a file without tables takes a page size; an existing store keeps its own.
        try connection.execute("PRAGMA page_size = 512")
        // Changing the journal mode needs a moment alone with the file: retry while another
        // process holds it (the busy timeout does not always apply to this pragma).
        var attempts = 0
        while true {
            do {
                try connection.execute("PRAGMA journal_mode = WAL")
                break
            } catch {
                attempts += 1
                if attempts > 100 { throw error }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        try connection.execute("PRAGMA synchronous = NORMAL")
        try connection.execute("PRAGMA wal_autocheckpoint = 8000")
        try connection.transaction { () throws(TrackingError) in
            try connection.execute(SQLiteSchema.statements)
            var oldHistory = false
            try connection.statement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'metrics'").forEach { _ in oldHistory = true }
            if oldHistory { try connection.execute(SQLiteSchema.migrateFromVersion1) }
            try connection.execute("PRAGMA user_version = \(SQLiteSchema.version)")
        }
    }

    private func locked<T>(_ body: (SQLiteConnection) throws(TrackingError) -> T) throws(TrackingError) -> T {
        // Mutex.withLock rethrows untyped here; keep the error's type.
        let result: Result<T, TrackingError> = connection.withLock { connection in
            do throws(TrackingError) { return .success(try body(connection)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    // MARK: Experiments

    public func experiment(named name: String) throws(TrackingError) -> Experiment {
        try locked { db throws(TrackingError) in
            let find = try db.statement("SELECT id FROM experiments WHERE name = ?")
            var id: Int64?
            try find.forEach([.text(name)]) { row in id = row.int64(0) }
            if let id { return Experiment(id: String(id), name: name) }
            return try db.transaction { () throws(TrackingError) in
                try db.statement("INSERT OR IGNORE INTO experiments (name, created) VALUES (?, ?)")
                    .run([.text(name), .integer(Timestamp.now())])
                var created: Int64 = 0
                try find.forEach([.text(name)]) { row in created = row.int64(0) }
                return Experiment(id: String(created), name: name)
            }
        }
    }

    public func experiments() throws(TrackingError) -> [Experiment] {
        try locked { db throws(TrackingError) in
            var out: [Experiment] = []
            try db.statement("SELECT id, name FROM experiments ORDER BY id").forEach { row in
                out.append(Experiment(id: String(row.int64(0)), name: row.text(1)))
            }
            return out
        }
    }

    // MARK: Writing runs

    public func createRun(_ run: NewRun) throws(TrackingError) -> String {
        guard let experiment = Int64(run.experimentID) else {
            throw TrackingError("no experiment with id \"\(run.experimentID)\" in \(location)")
        }
        return try locked { db throws(TrackingError) in
            try db.transaction { () throws(TrackingError) in
                let insert = try db.statement("""
                    INSERT OR IGNORE INTO runs (id, experiment_id, name, parent_id, status, start_time, end_time, updated,
                        model, code, host, pid, process_start)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                // Six hex digits read well; a collision (rare, even across processes) draws again.
                for _ in 0..<64 {
                    let id = SQLiteStore.newRunID()
                    try insert.run([
                        .text(id), .integer(experiment), .text(run.name), run.parentID.map(SQLiteValue.text) ?? .null,
                        .text(run.status.rawValue), .integer(run.startTime), run.endTime.map(SQLiteValue.integer) ?? .null,
                        .integer(Timestamp.now()), run.model.map(SQLiteValue.text) ?? .null, run.code.map(SQLiteValue.text) ?? .null,
                        .text(owner.host), .integer(Int64(owner.pid)), .text(owner.started),
                    ])
                    guard db.changes == 1 else { continue }
                    try SQLiteStore.write(RunData(tags: run.tags), of: id, in: db)
                    return id
                }
                throw TrackingError("cannot find a free run id in \(location)")
            }
        }
    }

    static func newRunID() -> String {
        String(UInt32.random(in: 0..<(1 << 24)), radix: 16).leftPadded(to: 6)
    }

    public func log(_ data: RunData, to runID: String) throws(TrackingError) {
        try locked { db throws(TrackingError) in
            try db.transaction { () throws(TrackingError) in
                // Only a read: logging a metric writes the metric's pages and nothing else.
                var exists = false
                try db.statement("SELECT 1 FROM runs WHERE id = ?").forEach([.text(runID)]) { _ in exists = true }
                guard exists else { throw TrackingError.unknownRun(runID) }
                try SQLiteStore.write(data, of: runID, in: db)
            }
        }
    }

    private static func write(_ data: RunData, of runID: String, in db: SQLiteConnection) throws(TrackingError) {
        if !data.params.isEmpty {
            let insert = try db.statement("INSERT OR REPLACE INTO params (run_id, key, value, number) VALUES (?, ?, ?, ?)")
            for (key, value) in data.params {
                try insert.run([.text(runID), .text(key), .text(value), FilterValue.string(value).number.map(SQLiteValue.real) ?? .null])
            }
        }
        if !data.tags.isEmpty {
            let insert = try db.statement("INSERT OR REPLACE INTO tags (run_id, key, value, number) VALUES (?, ?, ?, ?)")
            for (key, value) in data.tags {
                try insert.run([.text(runID), .text(key), .text(value), FilterValue.string(value).number.map(SQLiteValue.real) ?? .null])
            }
        }
        if !data.metrics.isEmpty {
            let history = try db.statement("INSERT OR IGNORE INTO metric_history (run_id, key, step, timestamp, value) VALUES (?, ?, ?, ?, ?)")
            let latest = try db.statement("""
                INSERT INTO latest_metrics (run_id, key, value, step, timestamp) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value, step = excluded.step, timestamp = excluded.timestamp
                WHERE excluded.step > latest_metrics.step
                    OR (excluded.step = latest_metrics.step AND excluded.timestamp >= latest_metrics.timestamp)
                """)
            for point in data.metrics {
                let value = point.value.isNaN ? SQLiteValue.text(SQLiteSchema.notANumber) : .real(point.value)
                try history.run([.text(runID), .text(point.key), .integer(point.step), .integer(point.timestamp), value])
                try latest.run([.text(runID), .text(point.key), .real(point.value), .integer(point.step), .integer(point.timestamp)])
            }
        }
    }

    public func finish(_ runID: String, status: RunStatus, endTime: Int64) throws(TrackingError) {
        try locked { db throws(TrackingError) in
            try db.transaction { () throws(TrackingError) in
                try db.statement("UPDATE runs SET status = ?, end_time = ?, updated = ? WHERE id = ?")
                    .run([.text(status.rawValue), .integer(endTime), .integer(Timestamp.now()), .text(runID)])
                guard db.changes == 1 else { throw TrackingError.unknownRun(runID) }
            }
        }
    }

    public func setModel(_ model: Data, of runID: String) throws(TrackingError) {
        try locked { db throws(TrackingError) in
            try db.transaction { () throws(TrackingError) in
                try db.statement("UPDATE runs SET updated = ? WHERE id = ?").run([.integer(Timestamp.now()), .text(runID)])
                guard db.changes == 1 else { throw TrackingError.unknownRun(runID) }
                try db.statement("INSERT OR REPLACE INTO artifacts (run_id, name, data) VALUES (?, 'model.json', ?)")
                    .run([.text(runID), .blob(model)])
            }
        }
    }

    /// Marks RUNNING runs of dead processes on this host FAILED; their end is their last write
    /// (the run row's, or a later metric's).
    private func failAbandonedRuns() throws(TrackingError) {
        try locked { db throws(TrackingError) in
            var abandoned: [(id: String, owner: ProcessIdentity, updated: Int64)] = []
            try db.statement("""
                SELECT id, pid, process_start,
                    max(updated, coalesce((SELECT max(timestamp) FROM latest_metrics WHERE run_id = runs.id), 0))
                FROM runs WHERE status = 'RUNNING' AND host = ?
                """)
                .forEach([.text(owner.host)]) { row in
                    let process = ProcessIdentity(host: owner.host, pid: Int32(clamping: row.int64(1)), started: row.text(2))
                    abandoned.append((row.text(0), process, row.int64(3)))
                }
            abandoned.removeAll { $0.owner.isAlive }
            guard !abandoned.isEmpty else { return }
            try db.transaction { () throws(TrackingError) in
                let update = try db.statement("UPDATE runs SET status = 'FAILED', end_time = ? WHERE id = ? AND status = 'RUNNING'")
                for run in abandoned {
                    try update.run([.integer(run.updated), .text(run.id)])
                    guard db.changes == 1 else { continue }
                    let reason = "the kernel (process \(run.owner.pid) on \(run.owner.host)) stopped while the run was running"
                    try SQLiteStore.write(RunData(tags: [SQLiteStore.errorTag: reason]), of: run.id, in: db)
                }
            }
        }
    }

    // MARK: Reading runs

    public func model(of runID: String) throws(TrackingError) -> Data? {
        let id = try self.run(runID).id
        return try locked { db throws(TrackingError) in
            var data: Data?
            try db.statement("SELECT data FROM artifacts WHERE run_id = ? AND name = 'model.json'").forEach([.text(id)]) { row in
                data = row.blob(0)
            }
            return data
        }
    }

    public func run(_ id: String) throws(TrackingError) -> Run {
        try locked { db throws(TrackingError) in
            var ids: [String] = []
            try db.statement("SELECT id FROM runs WHERE id = ?").forEach([.text(id)]) { ids.append($0.text(0)) }
            if ids.isEmpty, !id.isEmpty, id.allSatisfy(\.isHexDigit) {
                try db.statement("SELECT id FROM runs WHERE id >= ? AND id < ? ORDER BY id LIMIT 2")
                    .forEach([.text(id.lowercased()), .text(id.lowercased() + "~")]) { ids.append($0.text(0)) }
                if ids.count > 1 {
                    throw TrackingError("run id \"\(id)\" is ambiguous: it starts both \"\(ids[0])\" and \"\(ids[1])\"")
                }
            }
            guard let found = ids.first, let run = try SQLiteRunReader(db).runs(ids: [found]).first else {
                throw TrackingError.unknownRun(id)
            }
            return run
        }
    }

    public func metricHistory(of runID: String) throws(TrackingError) -> [MetricPoint] {
        let id = try self.run(runID).id
        return try locked { db throws(TrackingError) in
            var points: [MetricPoint] = []
            try db.statement("SELECT key, value, step, timestamp FROM metric_history WHERE run_id = ? ORDER BY key, step, timestamp")
                .forEach([.text(id)]) { row in
                    points.append(MetricPoint(key: row.text(0), value: row.isText(1) ? .nan : row.double(1), step: row.int64(2), timestamp: row.int64(3)))
                }
            return points
        }
    }

    public func searchRuns(_ query: RunQuery) throws(TrackingError) -> [Run] {
        try locked { db throws(TrackingError) in
            // The search reads the run rows it finds; their params, metrics and tags follow.
            var sql = SQLRunQuery()
            let statement = sql.select(query, columns: SQLiteRunReader.columns)
            var runs: [Run] = []
            try db.statement(statement).forEach(sql.bindings) { runs.append(SQLiteRunReader.run($0)) }
            return try SQLiteRunReader(db).fill(runs)
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
