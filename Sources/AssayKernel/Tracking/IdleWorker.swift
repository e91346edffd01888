import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One thread that runs queued work in order at the lowest CPU priority, so storing models
/// uses cores that fits leave idle instead of slowing the fits down. The thread ends when the
/// worker goes away, after the work already queued.
final class IdleWorker: Sendable {
    /// What the thread shares with the worker: the queue, and whether to stop when it is empty.
    private final class Shared: Sendable {
        let queue = Mutex<(work: [@Sendable () -> Void], stopping: Bool)>(([], false))
        let wakeup = DispatchSemaphore(value: 0)
    }

    private let shared = Shared()

    init() {
        let thread = Thread { [shared] in
            #if os(Linux)
                // Linux gives each thread its own nice value, and `who` 0 is the calling thread:
                // 19 yields to everything else.
                setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            #endif
            while true {
                shared.wakeup.wait()
                let (next, stop) = shared.queue.withLock { state in
                    (state.work.isEmpty ? nil : state.work.removeFirst(), state.stopping && state.work.isEmpty)
                }
                next?()
                if stop && next == nil { return }
            }
        }
        thread.name = "assay-tracking"
        thread.start()
    }

    deinit {
        shared.queue.withLock { $0.stopping = true }
        shared.wakeup.signal()
    }

    func async(_ work: @escaping @Sendable () -> Void) {
        shared.queue.withLock { $0.work.append(work) }
        shared.wakeup.signal()
    }

    /// Waits until everything queued so far has run.
    func drain() {
        let done = DispatchSemaphore(value: 0)
        async { done.signal() }
        done.wait()
    }
}
