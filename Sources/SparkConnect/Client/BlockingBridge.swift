import Foundation

/// Runs async work for a caller on a plain thread (not a Swift concurrency thread): the work
/// runs in a task, the caller waits on a condition, handles the events the work posts on its
/// own thread, and polls its cancellation check every 50 ms.
struct BlockingBridge<Event: Sendable> {
    static var pollInterval: TimeInterval { 0.05 }
    /// How long a cancelled call waits for the work to wind down (the interrupt to be sent).
    static var cancelGrace: TimeInterval { 1 }

    /// - Parameters:
    ///   - isCancelled: Polled while waiting; when true, the task is cancelled and the call
    ///     throws `SparkConnectError.cancelled` within `cancelGrace`.
    ///   - handle: Runs on the calling thread for each event the work posts. If it throws,
    ///     the task is cancelled and the error rethrown.
    ///   - work: The async work; `post` hands an event to the calling thread.
    static func run<T: Sendable>(
        isCancelled: @Sendable () -> Bool,
        handle: (Event) throws -> Void = { _ in },
        work: @escaping @Sendable (_ post: @escaping @Sendable (Event) -> Void) async throws -> T
    ) throws -> T {
        let mailbox = Mailbox<T>()
        let task = Task {
            let result: Result<T, any Error>
            do { result = .success(try await work { mailbox.post(.event($0)) }) } catch { result = .failure(error) }
            mailbox.post(.finished(result))
        }
        while true {
            for message in mailbox.take(waitingAtMost: pollInterval) {
                switch message {
                case .finished(let result):
                    return try result.get()
                case .event(let event):
                    do {
                        try handle(event)
                    } catch {
                        task.cancel()
                        _ = mailbox.waitForFinish(within: cancelGrace)
                        throw error
                    }
                }
            }
            if isCancelled() {
                task.cancel()
                _ = mailbox.waitForFinish(within: cancelGrace)
                throw SparkConnectError.cancelled
            }
        }
    }

    private enum Message<T: Sendable>: Sendable {
        case event(Event)
        case finished(Result<T, any Error>)
    }

    /// The work's messages, guarded by a condition the caller waits on.
    private final class Mailbox<T: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private var messages: [Message<T>] = []

        func post(_ message: Message<T>) {
            condition.lock()
            messages.append(message)
            condition.signal()
            condition.unlock()
        }

        func take(waitingAtMost seconds: TimeInterval) -> [Message<T>] {
            condition.lock()
            defer { condition.unlock() }
            if messages.isEmpty { _ = condition.wait(until: Date(timeIntervalSinceNow: seconds)) }
            let taken = messages
            messages.removeAll()
            return taken
        }

        /// Drops events until the work finishes or the time is up; true when it finished.
        func waitForFinish(within seconds: TimeInterval) -> Bool {
            let deadline = Date(timeIntervalSinceNow: seconds)
            while Date() < deadline {
                let taken = take(waitingAtMost: min(0.05, deadline.timeIntervalSinceNow))
                if taken.contains(where: { if case .finished = $0 { true } else { false } }) { return true }
            }
            return false
        }
    }
}
