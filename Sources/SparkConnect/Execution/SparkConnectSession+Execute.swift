import Foundation

extension SparkConnectSession {
    /// Runs a plan, handing its Arrow batches to `onBatch` as they arrive, and returns what
    /// else it gave (schema, command results, counts).
    ///
    /// The execution is reattachable: a response stream that ends early or breaks is resumed
    /// where it stopped, a bounded number of times. Cancelling the task interrupts the
    /// operation on the server and throws `SparkConnectError.cancelled`.
    ///
    /// - Parameters:
    ///   - tags: Operation tags, for `interrupt(tag:)`.
    ///   - onBatch: An Arrow IPC stream (schema and record batches) and its row count.
    ///   - onProgress: The operation's stages and tasks, as the server reports them.
    /// - Throws: `SparkConnectError`, or what `onBatch` throws (the operation is then interrupted).
    public func execute(
        _ plan: Spark_Connect_Plan, tags: [String] = [],
        onBatch: @escaping @Sendable (_ arrowStream: Data, _ rowCount: Int64) throws -> Void,
        onProgress: @escaping @Sendable (SparkProgress) -> Void = { _ in }
    ) async throws -> SparkExecutionResult {
        try await execute(plan, tags: tags, faults: .init(), onBatch: onBatch, onProgress: onProgress)
    }

    func execute(
        _ plan: Spark_Connect_Plan, tags: [String], operationID: String = UUID().uuidString.lowercased(),
        faults: ReattachableExecution.Faults,
        onBatch: @escaping @Sendable (Data, Int64) throws -> Void,
        onProgress: @escaping @Sendable (SparkProgress) -> Void
    ) async throws -> SparkExecutionResult {
        let execution = ReattachableExecution(
            session: self, plan: plan, tags: tags, operationID: operationID, faults: faults,
            onBatch: onBatch, onProgress: onProgress)
        return try await execution.run()
    }
}
