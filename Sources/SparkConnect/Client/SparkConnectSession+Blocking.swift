import Foundation

extension SparkConnectSession {
    /// The session's operations for a caller on a plain thread, which waits for each one.
    /// Never use it from async code: it blocks the calling thread.
    public var blocking: Blocking { Blocking(session: self) }

    /// Blocking forms of the session's operations. Each takes `isCancelled`, polled about every
    /// 50 ms; when it turns true the operation is interrupted on the server and the call
    /// throws `SparkConnectError.cancelled` within about a second.
    public struct Blocking: Sendable {
        public let session: SparkConnectSession

        public typealias CancellationCheck = @Sendable () -> Bool

        @available(*, noasync, message: "blocks the thread; use the session's async methods")
        public func schema(of plan: Spark_Connect_Plan, isCancelled: CancellationCheck = { false }) throws -> Spark_Connect_DataType {
            try run(isCancelled) { [session] in try await session.schema(of: plan) }
        }

        @available(*, noasync, message: "blocks the thread; use the session's async methods")
        public func sparkVersion(isCancelled: CancellationCheck = { false }) throws -> String {
            try run(isCancelled) { [session] in try await session.sparkVersion() }
        }

        @available(*, noasync, message: "blocks the thread; use the session's async methods")
        public func explain(
            _ plan: Spark_Connect_Plan, mode: SparkExplainMode = .simple, isCancelled: CancellationCheck = { false }
        ) throws -> String {
            try run(isCancelled) { [session] in try await session.explain(plan, mode: mode) }
        }

        @available(*, noasync, message: "blocks the thread; use the session's async methods")
        public func treeString(of plan: Spark_Connect_Plan, isCancelled: CancellationCheck = { false }) throws -> String {
            try run(isCancelled) { [session] in try await session.treeString(of: plan) }
        }

        /// Runs a plan; `onBatch` and `onProgress` run on the calling thread, in order.
        /// - Throws: `SparkConnectError`, or what `onBatch` throws (the operation is then interrupted).
        @available(*, noasync, message: "blocks the thread; use the session's async methods")
        public func execute(
            _ plan: Spark_Connect_Plan, tags: [String] = [],
            isCancelled: CancellationCheck = { false },
            onBatch: (_ arrowStream: Data, _ rowCount: Int64) throws -> Void,
            onProgress: (SparkProgress) -> Void = { _ in }
        ) throws -> SparkExecutionResult {
            try execute(plan, tags: tags, faults: .init(), isCancelled: isCancelled, onBatch: onBatch, onProgress: onProgress)
        }

        func execute(
            _ plan: Spark_Connect_Plan, tags: [String], faults: ReattachableExecution.Faults,
            isCancelled: CancellationCheck,
            onBatch: (Data, Int64) throws -> Void,
            onProgress: (SparkProgress) -> Void
        ) throws -> SparkExecutionResult {
            try BlockingBridge<ExecutionEvent>.run(isCancelled: isCancelled) { event in
                switch event {
                case .batch(let data, let rows): try onBatch(data, rows)
                case .progress(let progress): onProgress(progress)
                }
            } work: { [session] post in
                try await session.execute(
                    plan, tags: tags, faults: faults,
                    onBatch: { post(.batch($0, $1)) }, onProgress: { post(.progress($0)) })
            }
        }

        @available(*, noasync, message: "blocks the thread; use the session's async methods")
        public func config(set pairs: [(String, String)], isCancelled: CancellationCheck = { false }) throws {
            try run(isCancelled) { [session] in try await session.config(set: pairs) }
        }

        @available(*, noasync, message: "blocks the thread; use the session's async methods")
        public func config(get keys: [String], isCancelled: CancellationCheck = { false }) throws -> [String?] {
            try run(isCancelled) { [session] in try await session.config(get: keys) }
        }

        @available(*, noasync, message: "blocks the thread; use the session's async methods")
        public func config(unset keys: [String], isCancelled: CancellationCheck = { false }) throws {
            try run(isCancelled) { [session] in try await session.config(unset: keys) }
        }

        @available(*, noasync, message: "blocks the thread; use the session's async methods")
        @discardableResult
        public func interrupt(operationID: String) throws -> [String] {
            try run({ false }) { [session] in try await session.interrupt(operationID: operationID) }
        }

        @available(*, noasync, message: "blocks the thread; use the session's async methods")
        @discardableResult
        public func interrupt(tag: String) throws -> [String] {
            try run({ false }) { [session] in try await session.interrupt(tag: tag) }
        }

        @available(*, noasync, message: "blocks the thread; use the session's async methods")
        @discardableResult
        public func interruptAll() throws -> [String] {
            try run({ false }) { [session] in try await session.interruptAll() }
        }

        private func run<T: Sendable>(
            _ isCancelled: CancellationCheck, _ work: @escaping @Sendable () async throws -> T
        ) throws -> T {
            try BlockingBridge<Never>.run(isCancelled: isCancelled) { _ in try await work() }
        }
    }

    enum ExecutionEvent: Sendable {
        case batch(Data, Int64)
        case progress(SparkProgress)
    }
}
