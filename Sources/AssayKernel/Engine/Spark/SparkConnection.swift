import Foundation
import SparkConnect

/// What the Spark engine needs of a Spark Connect session, each call blocking the execution
/// thread and polling `isCancelled` so an interrupt cancels the work on the server.
protocol SparkConnection: AnyObject, Sendable {
    /// "sc://host:port" without credentials, as messages show it.
    var address: String { get }
    func version() throws(SparkConnectError) -> String
    func configuration(_ keys: [String]) throws(SparkConnectError) -> [String: String]
    func schema(of relation: SparkRelation, isCancelled: @escaping @Sendable () -> Bool) throws(SparkConnectError) -> Spark_Connect_DataType
    /// Runs a plan, handing over each Arrow IPC batch as it arrives, and progress as the server reports it.
    func execute(
        _ plan: Spark_Connect_Plan, isCancelled: @escaping @Sendable () -> Bool,
        onProgress: @escaping @Sendable (SparkProgress) -> Void, onBatch: (Data) throws -> Void
    ) throws(SparkConnectError)
    func close()
}
