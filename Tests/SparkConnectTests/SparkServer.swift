import Foundation
import SparkConnect
import Synchronization
import Testing

/// The Spark Connect server the server tests run against, from `ASSAY_SPARK_URI`.
enum SparkServer {
    static let uri = ProcessInfo.processInfo.environment["ASSAY_SPARK_URI"].flatMap { $0.isEmpty ? nil : $0 }
    static let noSkips = ProcessInfo.processInfo.environment["ASSAY_NO_SKIPS"] == "1"

    static let available = Testing.ConditionTrait.enabled(
        if: uri != nil,
        "needs a Spark Connect server: set ASSAY_SPARK_URI, e.g. sc://127.0.0.1:15002")

    static func session() throws -> SparkConnectSession {
        try SparkConnectSession(uri ?? "sc://127.0.0.1:15002", clientVersion: "test")
    }
}

extension Spark_Connect_Plan {
    static func sql(_ query: String) -> Self {
        .with { $0.root = .with { $0.sql = .with { $0.query = query } } }
    }

    static func range(_ start: Int64, _ end: Int64, partitions: Int32? = nil) -> Self {
        .with {
            $0.root = .with {
                $0.range = .with {
                    $0.start = start
                    $0.end = end
                    $0.step = 1
                    if let partitions { $0.numPartitions = partitions }
                }
            }
        }
    }
}

/// Fails the run when skips are forbidden and the server tests cannot run.
@Test(.enabled(if: SparkServer.noSkips, "only checked when ASSAY_NO_SKIPS=1"))
func sparkServerIsConfiguredWhenSkipsAreForbidden() {
    #expect(SparkServer.uri != nil, "ASSAY_NO_SKIPS=1 but ASSAY_SPARK_URI is not set: the Spark Connect server tests would not run")
}

/// Runs blocking calls on a thread of their own, as the kernel does: a test function runs on
/// the Swift concurrency pool, which blocking calls must not hold.
func onPlainThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// A value shared between a blocking call's closures and the test.
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<T: Sendable>(_ body: (inout Value) -> T) -> T { mutex.withLock { body(&$0) } }
}
