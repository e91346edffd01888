import Foundation
import SparkConnect

/// The Spark engine's connection: a Spark Connect session, called through its blocking forms
/// from the execution thread.
final class SparkConnectConnection: SparkConnection {
    let session: SparkConnectSession

    init(uri: String) throws(SparkConnectError) {
        session = try SparkConnectSession(uri, clientVersion: AssayVersion.current)
    }

    var address: String { session.uri.description }

    func version() throws(SparkConnectError) -> String {
        try Self.typed { try session.blocking.sparkVersion() }
    }

    func configuration(_ keys: [String]) throws(SparkConnectError) -> [String: String] {
        var found: [String: String] = [:]
        // One key at a time: the server fails a whole request for one key it does not know.
        for key in keys {
            if let value = try? Self.typed({ try session.blocking.config(get: [key]) }).first, let value { found[key] = value }
        }
        return found
    }

    func schema(of relation: SparkRelation, isCancelled: @escaping @Sendable () -> Bool) throws(SparkConnectError) -> Spark_Connect_DataType {
        try Self.typed { try session.blocking.schema(of: .with { $0.root = relation }, isCancelled: isCancelled) }
    }

    func execute(
        _ plan: Spark_Connect_Plan, isCancelled: @escaping @Sendable () -> Bool,
        onProgress: @escaping @Sendable (SparkProgress) -> Void, onBatch: (Data) throws -> Void
    ) throws(SparkConnectError) {
        _ = try Self.typed {
            try session.blocking.execute(plan, isCancelled: isCancelled, onBatch: { data, _ in try onBatch(data) }, onProgress: onProgress)
        }
    }

    func close() { session.close() }

    /// The blocking forms throw untyped; everything they throw is a `SparkConnectError` except
    /// what a caller's own closure throws, which is passed through as it is by `execute`.
    private static func typed<T>(_ work: () throws -> T) throws(SparkConnectError) -> T {
        do { return try work() } catch let error as SparkConnectError { throw error } catch {
            throw SparkConnectError(kind: .protocol, message: "\(error)")
        }
    }
}
