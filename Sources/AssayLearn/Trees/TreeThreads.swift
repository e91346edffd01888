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

    private struct Unchecked: @unchecked Sendable {
        let body: (Int) -> Void
    }
}
