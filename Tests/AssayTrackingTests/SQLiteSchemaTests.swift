@testable import AssayTracking
import Foundation
import Testing

/// The store's file format: new files, NaN in the history, and stores written by version 1.
@Suite struct SQLiteSchemaTests {
    @Test func aNewStoreUsesSmallPagesAndTheCurrentVersion() throws {
        let temporary = try TemporaryStore()
        let connection = try SQLiteConnection(path: temporary.path)
        var pageSize: Int64 = 0, version: Int64 = 0
        try connection.statement("PRAGMA page_size").forEach { pageSize = $0.int64(0) }
        try connection.statement("PRAGMA user_version").forEach { version = $0.int64(0) }
        #expect(pageSize == 512)
        #expect(version == Int64(SQLiteSchema.version))
    }

    @Test func nanAndRepeatedPointsKeepTheirPlaceInTheHistory() throws {
        let store = try TemporaryStore().store
        let experiment = try store.experiment(named: "nan")
        let id = try store.createRun(NewRun(experimentID: experiment.id, name: "m"))
        let points = [
            MetricPoint(key: "loss", value: 0.5, step: 0, timestamp: 10),
            MetricPoint(key: "loss", value: .nan, step: 1, timestamp: 11),
            MetricPoint(key: "loss", value: 0.25, step: 2, timestamp: 12),
        ]
        try store.log(RunData(metrics: points), to: id)
        // The same point again is the same point; another value at the same step is another.
        try store.log(RunData(metrics: [points[2], MetricPoint(key: "loss", value: 0.3, step: 2, timestamp: 12)]), to: id)
        let history = try store.metricHistory(of: id)
        #expect(history.map(\.step) == [0, 1, 2, 2])
        #expect(history[1].value.isNaN)
        #expect(history.map { $0.value.isNaN ? -1 : $0.value } == [0.5, -1, 0.25, 0.3])
    }

    /// A file written by version 1 (metrics in a rowid table, NaN as null) opens with its
    /// history moved into `metric_history`, nothing lost.
    @Test func aVersionOneStoreIsMigratedWhenOpened() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.db").path
        do {
            let old = try SQLiteConnection(path: path)
            try old.execute("""
                PRAGMA page_size = 4096;
                PRAGMA journal_mode = WAL;
                CREATE TABLE experiments (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created INTEGER NOT NULL);
                CREATE TABLE runs (id TEXT PRIMARY KEY, experiment_id INTEGER NOT NULL, name TEXT NOT NULL, parent_id TEXT,
                    status TEXT NOT NULL, start_time INTEGER NOT NULL, end_time INTEGER, updated INTEGER NOT NULL, model TEXT,
                    code TEXT, host TEXT, pid INTEGER, process_start TEXT);
                CREATE TABLE metrics (run_id TEXT NOT NULL, key TEXT NOT NULL, step INTEGER NOT NULL, timestamp INTEGER NOT NULL, value REAL);
                CREATE INDEX metrics_by_run ON metrics (run_id, key, step);
                CREATE TABLE latest_metrics (run_id TEXT NOT NULL, key TEXT NOT NULL, value REAL, step INTEGER NOT NULL,
                    timestamp INTEGER NOT NULL, PRIMARY KEY (run_id, key)) WITHOUT ROWID;
                INSERT INTO experiments VALUES (1, 'old', 1);
                INSERT INTO runs VALUES ('abc123', 1, 'm', NULL, 'FINISHED', 1, 2, 2, 'boost', NULL, NULL, NULL, NULL);
                INSERT INTO metrics VALUES ('abc123', 'loss', 0, 5, 0.75), ('abc123', 'loss', 1, 6, NULL), ('abc123', 'auc', 0, 5, 0.9);
                INSERT INTO latest_metrics VALUES ('abc123', 'loss', NULL, 1, 6), ('abc123', 'auc', 0.9, 0, 5);
                PRAGMA user_version = 1;
                """)
        }
        let store = try SQLiteStore(path: path)
        let history = try store.metricHistory(of: "abc123")
        #expect(history.map(\.key) == ["auc", "loss", "loss"])
        #expect(history[0].value == 0.9 && history[1].value == 0.75 && history[2].value.isNaN)
        #expect(try store.run("abc123").metrics["auc"] == 0.9)

        let connection = try SQLiteConnection(path: path)
        var tables: [String] = []
        try connection.statement("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").forEach { tables.append($0.text(0)) }
        #expect(tables.contains("metric_history") && !tables.contains("metrics"))
        // Logging goes on into the migrated store.
        try store.log(RunData(metrics: [MetricPoint(key: "loss", value: 0.5, step: 2, timestamp: 7)]), to: "abc123")
        #expect(try store.metricHistory(of: "abc123").count == 4)
    }
}
