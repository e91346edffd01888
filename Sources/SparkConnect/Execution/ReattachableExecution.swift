import Foundation
import GRPCCore
import Synchronization

/// One ExecutePlan operation, resumable: the server keeps its responses until released, so
/// when the response stream ends early (the server's stream limits) or breaks (a dropped
/// connection), ReattachExecute continues after the last response seen.
final class ReattachableExecution: Sendable {
    /// Test-only faults: the first stream breaks with `unavailable` after this many responses.
    struct Faults: Sendable {
        var breakFirstStreamAfter: Int?
    }

    /// An error thrown by the caller's callbacks, kept apart from the stream's own errors.
    struct CallerError: Error {
        var error: any Error
    }

    private struct State {
        var result: SparkExecutionResult
        var lastResponseID: String?
        var complete = false
        var responses = 0
    }

    let session: SparkConnectSession
    let request: ClientRequest<Spark_Connect_ExecutePlanRequest>
    let operationID: String
    private let onBatch: @Sendable (Data, Int64) throws -> Void
    private let onProgress: @Sendable (SparkProgress) -> Void
    private let faults: Faults
    private let state: Mutex<State>

    static let maxAttempts = 8

    init(
        session: SparkConnectSession, plan: Spark_Connect_Plan, tags: [String], operationID: String,
        faults: Faults = .init(),
        onBatch: @escaping @Sendable (Data, Int64) throws -> Void,
        onProgress: @escaping @Sendable (SparkProgress) -> Void
    ) {
        self.session = session
        self.operationID = operationID
        self.request = session.executeRequest(plan: plan, tags: tags, operationID: operationID)
        self.onBatch = onBatch
        self.onProgress = onProgress
        self.faults = faults
        self.state = Mutex(State(result: SparkExecutionResult(operationID: operationID)))
    }

    /// Runs the operation to its end, reattaching as needed, then releases it on the server.
    func run() async throws -> SparkExecutionResult {
        do {
            let result = try await consumeAll()
            releaseAll()
            return result
        } catch let error as CallerError {
            await interruptQuietly()
            throw error.error
        } catch {
            if Task.isCancelled {
                // A reattachable operation outlives its stream: stop it on the server too.
                await interruptQuietly()
                throw SparkConnectError.cancelled
            }
            releaseAll()
            throw await session.sparkError(for: error)
        }
    }

    private func consumeAll() async throws -> SparkExecutionResult {
        var reattach = false
        var failures = 0
        while true {
            try Task.checkCancellation()
            let seenBefore = state.withLock { $0.responses }
            do {
                if reattach {
                    try await session.service.reattachExecute(
                        request: session.reattachRequest(operationID: operationID, after: lastResponseID),
                        options: session.callOptions()
                    ) { try await self.consume($0, stream: .reattach) }
                } else {
                    try await session.service.executePlan(request: request, options: session.callOptions()) {
                        try await self.consume($0, stream: .first)
                    }
                }
                if let result = finished { return result }
                // The stream ended without ResultComplete: the server ended it early; resume.
            } catch let error as RPCError {
                let status = SparkStatus(error)
                if reattach, lastResponseID == nil, status.message.contains("INVALID_HANDLE.OPERATION_NOT_FOUND") {
                    // The first ExecutePlan never reached the server: send it again.
                    reattach = false
                    failures += 1
                    guard failures < Self.maxAttempts else { throw error }
                    try await Task.sleep(for: Self.backoff(failures))
                    continue
                }
                guard status.isTransient else { throw error }
                failures = state.withLock { $0.responses } > seenBefore ? 1 : failures + 1
                guard failures < Self.maxAttempts else { throw error }
                try await Task.sleep(for: Self.backoff(failures))
            }
            reattach = true
            state.withLock { $0.result.reattachCount += 1 }
        }
    }

    private enum Stream { case first, reattach }

    private func consume(_ response: StreamingClientResponse<Spark_Connect_ExecutePlanResponse>, stream: Stream) async throws {
        var count = 0
        for try await message in response.messages {
            count += 1
            try handle(message)
            if stream == .first, let limit = faults.breakFirstStreamAfter, count >= limit {
                throw RPCError(code: .unavailable, message: "stream broken on purpose after \(count) responses (a test fault)")
            }
        }
    }

    private func handle(_ response: Spark_Connect_ExecutePlanResponse) throws {
        session.observe(serverSideSessionID: response.serverSideSessionID)
        state.withLock { state in
            state.lastResponseID = response.responseID
            state.responses += 1
            if response.hasSchema { state.result.schema = response.schema }
            switch response.responseType {
            case .arrowBatch(let batch):
                state.result.rowCount += batch.rowCount
                state.result.batchCount += 1
            case .sqlCommandResult(let command): state.result.sqlCommandResult = command.relation
            case .mlCommandResult(let ml): state.result.mlCommandResult = ml
            case .resultComplete: state.complete = true
            default: break
            }
        }
        switch response.responseType {
        case .arrowBatch(let batch):
            do { try onBatch(batch.data, batch.rowCount) } catch { throw CallerError(error: error) }
            // The caller has the batch: the server may drop it and everything before it.
            release(.releaseUntil(.with { $0.responseID = response.responseID }))
        case .executionProgress(let progress):
            onProgress(SparkProgress(progress))
        default:
            break
        }
    }

    private var lastResponseID: String? { state.withLock { $0.lastResponseID } }

    private var finished: SparkExecutionResult? {
        state.withLock { $0.complete ? $0.result : nil }
    }

    private func releaseAll() {
        release(.releaseAll(.init()))
    }

    /// Fire and forget: a failed release only leaves responses on the server until it
    /// expires them.
    private func release(_ release: Spark_Connect_ReleaseExecuteRequest.OneOf_Release) {
        let session = self.session, operationID = self.operationID
        Task {
            let request: ClientRequest<Spark_Connect_ReleaseExecuteRequest> = session.request {
                $0.operationID = operationID
                $0.release = release
            }
            _ = try? await session.service.releaseExecute(
                request: request, options: session.callOptions(timeout: .seconds(30))) { try $0.message }
        }
    }

    /// Stops the operation on the server, waiting at most a second: from a cancelled task,
    /// through a new task, which is not cancelled.
    private func interruptQuietly() async {
        let session = self.session, operationID = self.operationID
        let interrupt = Task { _ = try? await session.interrupt(operationID: operationID, timeout: .seconds(1)) }
        await interrupt.value
        releaseAll()
    }

    static func backoff(_ failures: Int) -> Duration {
        .milliseconds(min(100 << min(failures - 1, 6), 5_000))
    }
}

extension SparkConnectSession {
    func executeRequest(plan: Spark_Connect_Plan, tags: [String], operationID: String) -> ClientRequest<Spark_Connect_ExecutePlanRequest> {
        request {
            $0.plan = plan
            $0.operationID = operationID
            $0.tags = tags
            $0.requestOptions = [.with { $0.reattachOptions = .with { $0.reattachable = true } }]
        }
    }

    func reattachRequest(operationID: String, after lastResponseID: String?) -> ClientRequest<Spark_Connect_ReattachExecuteRequest> {
        request {
            $0.operationID = operationID
            if let lastResponseID { $0.lastResponseID = lastResponseID }
        }
    }
}
