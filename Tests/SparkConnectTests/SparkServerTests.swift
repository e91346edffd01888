import Foundation
@testable import SparkConnect
import Testing

/// Against a real Spark Connect server (ASSAY_SPARK_URI), through the blocking API the
/// kernel uses.
@Suite(SparkServer.available, .serialized) struct SparkServerTests {
    let session: SparkConnectSession
    let blocking: SparkConnectSession.Blocking

    init() throws {
        session = try SparkServer.session()
        blocking = session.blocking
    }

    @Test func version() async throws {
        let version = try await onPlainThread { [blocking] in try blocking.sparkVersion() }
        #expect(version.hasPrefix("4."), "\(version)")
    }

    @Test func schemaOfASQLQuery() async throws {
        let schema = try await onPlainThread { [blocking] in try blocking.schema(of: .sql("SELECT 1 AS a, 'x' AS b")) }
        let fields = schema.struct.fields
        #expect(fields.map(\.name) == ["a", "b"])
        let kinds = fields.map { field -> String in
            switch field.dataType.kind {
            case .integer: "integer"
            case .string: "string"
            default: "\(String(describing: field.dataType.kind))"
            }
        }
        #expect(kinds == ["integer", "string"])
        #expect(fields.map(\.nullable) == [false, false])
    }

    @Test func explainShowsThePlan() async throws {
        let text = try await onPlainThread { [blocking] in try blocking.explain(.range(0, 10), mode: .extended) }
        #expect(text.contains("Range (0, 10"), "\(text)")
    }

    struct Collected: Sendable {
        var bytes = 0
        var rows: Int64 = 0
        var openings: [[UInt8]] = []
        var result: SparkExecutionResult?
    }

    @Test func rangeComesBackAsArrowBatches() async throws {
        let collected = try await onPlainThread { [blocking] in
            var collected = Collected()
            collected.result = try blocking.execute(.range(0, 100_000, partitions: 3)) { data, rowCount in
                collected.bytes += data.count
                collected.rows += rowCount
                collected.openings.append(Array(data.prefix(4)))
            }
            return collected
        }
        let result = try #require(collected.result)
        #expect(collected.rows == 100_000)
        #expect(result.rowCount == 100_000)
        #expect(result.batchCount == collected.openings.count)
        #expect(collected.bytes > 800_000)  // 100 000 longs
        // Each batch is an Arrow IPC stream: it opens with the continuation marker.
        #expect(collected.openings.allSatisfy { $0 == [0xFF, 0xFF, 0xFF, 0xFF] })
        #expect(result.schema?.struct.fields.map(\.name) == ["id"])
    }

    @Test func configSetGetUnset() async throws {
        let (set, unset) = try await onPlainThread { [blocking] in
            try blocking.config(set: [("spark.sql.shuffle.partitions", "7"), ("assay.test.key", "hello")])
            let set = try blocking.config(get: ["spark.sql.shuffle.partitions", "assay.test.key"])
            try blocking.config(unset: ["assay.test.key"])
            return (set, try blocking.config(get: ["assay.test.key"]))
        }
        #expect(set == ["7", "hello"])
        #expect(unset == [nil])
    }

    @Test func anUnknownColumnIsAnAnalysisError() async throws {
        let errors = try await onPlainThread { [blocking] in
            [
                Result { _ = try blocking.schema(of: .sql("SELECT nope")) },
                Result { _ = try blocking.execute(.sql("SELECT nope")) { _, _ in } },
            ]
        }
        for outcome in errors {
            guard case .failure(let error as SparkConnectError) = outcome else {
                Issue.record("expected a SparkConnectError, got \(outcome)")
                continue
            }
            #expect(error.kind == .analysis)
            #expect(error.errorClass?.hasPrefix("UNRESOLVED_COLUMN") == true, "\(error)")
            #expect(error.messageParameters["objectName"] == "`nope`")
            #expect(error.sqlState == "42703")
            #expect(error.description.hasPrefix("[UNRESOLVED_COLUMN."), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func aRuntimeErrorIsAnExecutionError() async throws {
        try await session.config(set: [("spark.sql.ansi.enabled", "true")])
        let error = await #expect(throws: SparkConnectError.self) {
            _ = try await self.session.execute(.sql("SELECT 1 / (id - id) FROM range(1)")) { _, _ in }
        }
        #expect(error?.kind == .execution)
        #expect(error?.errorClass == "DIVIDE_BY_ZERO", "\(String(describing: error))")
    }

    /// Minutes of work on two cores, in tasks that stop when killed (a range checks for it).
    static let longQuery = Spark_Connect_Plan.sql("SELECT sum(id * 7 % 13) FROM range(0, 200000000000, 1, 4)")

    @Test func cancellingALongQueryInterruptsItWithinASecond() async throws {
        // Cancelled once its tasks run: a job that starts after its operation was interrupted
        // is not cancelled by the server.
        let state = Shared<(running: Bool, cancelledAt: Date?)>((false, nil))
        let outcome = try await onPlainThread { [blocking] in
            Result {
                try blocking.execute(Self.longQuery, isCancelled: {
                    state.withLock { state in
                        if state.cancelledAt == nil, state.running { state.cancelledAt = Date() }
                        return state.cancelledAt != nil
                    }
                }, onBatch: { _, _ in }, onProgress: { progress in
                    if progress.completedTasks < progress.tasks { state.withLock { $0.running = true } }
                })
            }
        }
        guard case .failure(let error as SparkConnectError) = outcome else {
            Issue.record("expected cancellation, got \(outcome)")
            return
        }
        #expect(error == .cancelled)
        let at = try #require(state.withLock { $0.cancelledAt }, "no progress showed the query running")
        let late = Date().timeIntervalSince(at)
        #expect(late < 1, "cancelled \(late) s after the check turned true")
        // The session still works, and nothing is left running on the server.
        let fields = try await onPlainThread { [blocking] in try blocking.schema(of: .sql("SELECT 1 AS a")).struct.fields }
        #expect(fields.count == 1)
        #expect(try await session.interruptAll().isEmpty)
    }

    @Test func interruptByTag() async throws {
        let session = self.session
        let started = Shared(false)
        let running = Task {
            try await session.execute(Self.longQuery, tags: ["assay-test-tag"]) { _, _ in } onProgress: { progress in
                if progress.completedTasks < progress.tasks { started.withLock { $0 = true } }
            }
        }
        // Interrupted once its tasks run (see above).
        for _ in 0..<300 where !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(100)) }
        #expect(started.withLock { $0 }, "no progress showed the query running")
        let interrupted = try await session.interrupt(tag: "assay-test-tag")
        #expect(interrupted.count == 1)
        let error = await #expect(throws: SparkConnectError.self) { try await running.value }
        #expect(error?.kind == .cancelled, "\(String(describing: error))")
    }

    @Test func aBrokenStreamIsReattachedAndNoRowIsLostOrRepeated() async throws {
        let (rows, result) = try await onPlainThread { [blocking] in
            var rows: Int64 = 0
            let result = try blocking.execute(
                .range(0, 100_000, partitions: 4), tags: [], faults: .init(breakFirstStreamAfter: 1),
                isCancelled: { false }, onBatch: { _, count in rows += count }, onProgress: { _ in })
            return (rows, result)
        }
        #expect(result.reattachCount >= 1)
        #expect(rows == 100_000)
        #expect(result.rowCount == 100_000)
    }
}

/// No server is needed to see that nothing answers.
@Suite struct UnreachableServerTests {
    @Test func aClosedPortIsUnavailableQuickly() async throws {
        let session = try SparkConnectSession("sc://127.0.0.1:1")
        let outcome = try await onPlainThread { Result { try session.blocking.sparkVersion() } }
        guard case .failure(let error as SparkConnectError) = outcome else {
            Issue.record("expected an error, got \(outcome)")
            return
        }
        #expect(error.kind == .unavailable)
        #expect(error.description.hasPrefix("cannot reach the Spark Connect server at 127.0.0.1:1"), "\(error.description)")
        // Refused at once, not given up on after the connect timeout (that is deadlineExceeded).
        #expect(error.grpcCode == "unavailable")
    }
}

/// A closed session says so, at once.
@Suite struct ClosedSessionTests {
    @Test func callsOnAClosedSessionFail() async throws {
        let session = try SparkConnectSession("sc://127.0.0.1:1")
        session.close()
        let error = await #expect(throws: SparkConnectError.self) { _ = try await session.sparkVersion() }
        #expect(error?.kind == .unavailable)
        #expect(error?.description == "the Spark Connect session with 127.0.0.1:1 is closed")
    }
}
