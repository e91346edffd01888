import AssayTracking
import Foundation
import Testing

/// The embedded store: runs, params, metrics over steps, tags, models and queries.
@Suite struct SQLiteStoreTests {
    @Test func aRunIsWrittenWhenItStartsAndUpdatedAsItGoes() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let experiment = try store.experiment(named: "penguins")
        let id = try store.createRun(NewRun(experimentID: experiment.id, name: "forest(trees=20)", model: "forest", code: "m = fit ...", tags: ["dataset": "train"]))
        #expect(id.count == 6 && id.allSatisfy(\.isHexDigit))

        var run = try store.run(id)
        #expect(run.status == .running)
        #expect(run.endTime == nil && run.duration == nil)
        #expect(run.model == "forest" && run.code == "m = fit ..." && run.tags == ["dataset": "train"])

        try store.log(RunData(params: ["forest.trees": "20"], metrics: [MetricPoint(key: "auc", value: 0.9, timestamp: 1)]), to: id)
        try store.finish(id, status: .finished, endTime: run.startTime + 1500)
        run = try store.run(id)
        #expect(run.status == .finished)
        #expect(run.duration == 1.5)
        #expect(run.params == ["forest.trees": "20"])
        #expect(run.metrics == ["auc": 0.9])
    }

    @Test func metricsKeepEveryStepAndTheLastValue() throws {
        let store = try TemporaryStore().store
        let experiment = try store.experiment(named: "steps")
        let id = try store.createRun(NewRun(experimentID: experiment.id, name: "boost"))
        let points = [(0, 0.7), (2, 0.5), (1, 0.6)].map { MetricPoint(key: "logloss", value: $0.1, step: Int64($0.0), timestamp: 10) }
        try store.log(RunData(metrics: points), to: id)
        #expect(try store.run(id).metrics["logloss"] == 0.5)
        #expect(try store.metricHistory(of: id).map(\.step) == [0, 1, 2])
    }

    @Test func aModelRoundTrips() throws {
        let store = try TemporaryStore().store
        let experiment = try store.experiment(named: "models")
        let id = try store.createRun(NewRun(experimentID: experiment.id, name: "m"))
        #expect(try store.model(of: id) == nil)
        let bytes = Data("{\"format\":\"assay-model\"}".utf8)
        try store.setModel(bytes, of: id)
        #expect(try store.model(of: id) == bytes)
    }

    @Test func aPrefixFindsARunAndAnUnknownIdSaysSo() throws {
        let store = try TemporaryStore().store
        let experiment = try store.experiment(named: "ids")
        let id = try store.createRun(NewRun(experimentID: experiment.id, name: "m"))
        #expect(try store.run(String(id.prefix(5))).id == id)
        #expect(throws: TrackingError("no run with id \"zzz\"")) { try store.run("zzz") }
    }

    @Test func experimentsAreFoundByName() throws {
        let store = try TemporaryStore().store
        let a = try store.experiment(named: "a")
        #expect(try store.experiment(named: "a") == a)
        let b = try store.experiment(named: "b")
        #expect(a.id != b.id)
        #expect(try store.experiments().map(\.name) == ["a", "b"])
    }

    @Test func runsSurviveReopeningTheFile() throws {
        let temporary = try TemporaryStore()
        let experiment = try temporary.store.experiment(named: "kept")
        let id = try temporary.store.createRun(NewRun(experimentID: experiment.id, name: "m"))
        try temporary.store.finish(id, status: .finished, endTime: Timestamp.now())
        let reopened = try SQLiteStore(path: temporary.path)
        #expect(try reopened.run(id).status == .finished)
    }

    @Test func aRunLeftRunningByADeadProcessFailsOnOpen() throws {
        let temporary = try TemporaryStore()
        let experiment = try temporary.store.experiment(named: "crash")
        let alive = try temporary.store.createRun(NewRun(experimentID: experiment.id, name: "ours"))
        let orphan = try temporary.store.createRun(NewRun(experimentID: experiment.id, name: "theirs"))
        // Pretend a process that has exited owned the second run.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [temporary.path, "UPDATE runs SET pid = 999999, process_start = 'x' WHERE id = '\(orphan)'"]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)

        let reopened = try SQLiteStore(path: temporary.path)
        #expect(try reopened.run(alive).status == .running)
        let failed = try reopened.run(orphan)
        #expect(failed.status == .failed)
        #expect(failed.endTime != nil)
        #expect(failed.tags[SQLiteStore.errorTag]?.contains("stopped while the run was running") == true)
    }

    @Test func anUnwritableLocationIsAClearError() {
        #expect(throws: TrackingError.self) { try SQLiteStore(path: "/proc/no/such/dir/runs.db") }
        do {
            _ = try SQLiteStore(path: "/proc/no/such/dir/runs.db")
        } catch {
            #expect(error.message.hasPrefix("cannot open the run store \"/proc/no/such/dir/runs.db\""))
        }
    }

    @Test func writersInSeveralThreadsLoseNothing() async throws {
        let temporary = try TemporaryStore()
        let experiment = try temporary.store.experiment(named: "threads")
        let path = temporary.path
        // Separate connections, as separate kernels would have.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let store = try SQLiteStore(path: path)
                    for run in 0..<25 {
                        let id = try store.createRun(NewRun(experimentID: experiment.id, name: "w\(worker)r\(run)"))
                        try store.log(RunData(metrics: [MetricPoint(key: "m", value: Double(run), timestamp: 0)]), to: id)
                        try store.finish(id, status: .finished, endTime: Timestamp.now())
                    }
                }
            }
            try await group.waitForAll()
        }
        let runs = try temporary.store.searchRuns(RunQuery(experimentIDs: [experiment.id]))
        #expect(runs.count == 100)
        #expect(runs.allSatisfy { $0.status == .finished && $0.metrics["m"] != nil })
    }
}
