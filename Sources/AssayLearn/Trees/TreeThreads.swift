import Dispatch

/// Runs a body on several threads at once and waits. The bodies of the tree code write to
/// disjoint parts of shared buffers through pointers, which Sendable checking cannot see, so
/// the closure crosses into Dispatch unchecked; each caller keeps its writes disjoint.
enum TreeThreads {
    static func run(_ workers: Int, _ body: (Int) -> Void) {
        if workers <= 1 {
            body(0)
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let box = Unchecked(body: escapable)
            DispatchQueue.concurrentPerform(iterations: workers) { box.body($0) }
        }
    }

    /// Rows below which a pass over rows stays on one thread.
    static let parallelRows = 1 << 14

    /// Splits `0..<count` into one contiguous range a worker and runs them at once. Callers
    /// write only inside their range, so results do not depend on the number of workers.
    static func chunks(_ count: Int, workers: Int, _ body: (Range<Int>) -> Void) {
        let used = max(1, min(workers, count))
        run(used) { worker in body((count * worker / used)..<(count * (worker + 1) / used)) }
    }

    private struct Unchecked: @unchecked Sendable {
        let body: (Int) -> Void
    }
}
