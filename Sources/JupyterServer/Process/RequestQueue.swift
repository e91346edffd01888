import Foundation
import JupyterKernel

/// The shell requests waiting for the execution thread, in arrival order.
final class RequestQueue: @unchecked Sendable {
    // All state is guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [Message] = []
    private var closed = false

    func push(_ message: Message) {
        condition.lock()
        pending.append(message)
        condition.signal()
        condition.unlock()
    }

    /// The next request; nil once the queue is closed.
    func pop() -> Message? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && !closed { condition.wait() }
        if closed { return nil }
        return pending.removeFirst()
    }

    /// The ids of the execute requests waiting now.
    func queuedExecuteRequestIDs() -> Set<String> {
        condition.lock()
        defer { condition.unlock() }
        return Set(pending.filter { $0.msgType == "execute_request" }.map(\.header.msgID))
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
