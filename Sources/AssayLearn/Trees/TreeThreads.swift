import Dispatch
import Foundation
import Synchronization

/// Runs a body on several threads at once and waits. The bodies of the tree code write to
/// disjoint parts of shared buffers through pointers, which Sendable checking cannot see, so
/// the closure crosses threads unchecked; each caller keeps its writes disjoint.
///
/// A boosted tree hands work to its threads several times a node, thousands of times a fit,
/// in pieces of about a millisecond. Waking a sleeping Dispatch worker for each can cost as
/// much as the piece, so the calls go to `SpinningPool`, whose threads spin briefly between
/// pieces. When the pool is busy (another fit's call, or a call from inside a body), the call
/// falls back to Dispatch.
enum TreeThreads {
    static func run(_ workers: Int, _ body: (Int) -> Void) {
        if workers <= 1 {
            body(0)
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let box = Unchecked(body: escapable)
            if SpinningPool.shared.run(workers, box) { return }
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

    struct Unchecked: @unchecked Sendable {
        let body: (Int) -> Void
    }
}

/// One thread fewer than the cores, started on first use. A call publishes its body under a
/// new generation; the caller and the threads then claim iterations one at a time until none
/// are left, and the call returns once every claimed iteration has finished. Claiming keeps a
/// busy machine from stalling a call on a thread that is not running: the caller takes what
/// the late thread would have. Between calls a thread spins for `spin`, then sleeps on its
/// semaphore.
final class SpinningPool: @unchecked Sendable {
    static let shared = SpinningPool(threads: max(0, ProcessInfo.processInfo.activeProcessorCount - 1))

    /// How long an idle thread spins before sleeping, and a caller before it sleeps waiting.
    static let spin: Duration = .microseconds(100)

    private struct Claims {
        var body: TreeThreads.Unchecked?
        var iterations = 0
        var next = 0
    }

    private let threads: Int
    private let busy = Atomic<Bool>(false)
    private let generation = Atomic<Int>(0)
    private let claims = Mutex(Claims())
    /// Iterations of the current call not yet finished.
    private let unfinished = Atomic<Int>(0)
    private let started = Atomic<Bool>(false)
    private let sleepers: [Sleeper]
    private let caller = Sleeper()

    private final class Sleeper: @unchecked Sendable {
        let asleep = Atomic<Bool>(false)
        let semaphore = DispatchSemaphore(value: 0)

        /// Sleeps unless `ready()` turns true between saying so and looking; the other side sets
        /// its condition, then calls `wake()`. Both sides are sequentially consistent, so
        /// either this sees the condition or the other side sees it asleep and signals.
        func sleep(unless ready: () -> Bool) {
            asleep.store(true, ordering: .sequentiallyConsistent)
            if !ready() {
                semaphore.wait()
            } else if !asleep.exchange(false, ordering: .sequentiallyConsistent) {
                semaphore.wait()  // the other side saw us asleep and signalled: take the signal
            }
        }

        func wake() {
            if asleep.exchange(false, ordering: .sequentiallyConsistent) { semaphore.signal() }
        }
    }

    init(threads: Int) {
        self.threads = threads
        sleepers = (0..<threads).map { _ in Sleeper() }
    }

    /// Runs `iterations` of `body` on the pool and the calling thread; false (nothing run)
    /// when the pool is in use or has no threads.
    func run(_ iterations: Int, _ body: TreeThreads.Unchecked) -> Bool {
        guard threads > 0, !busy.exchange(true, ordering: .acquiring) else { return false }
        defer { busy.store(false, ordering: .releasing) }
        startIfNeeded()
        unfinished.store(iterations, ordering: .relaxed)
        claims.withLock { $0 = Claims(body: body, iterations: iterations, next: 0) }
        generation.add(1, ordering: .sequentiallyConsistent)
        for sleeper in sleepers { sleeper.wake() }
        work()
        let clock = ContinuousClock()
        let deadline = clock.now + Self.spin
        var polls = 0
        while unfinished.load(ordering: .acquiring) > 0 {
            polls += 1
            if polls & 255 == 0, clock.now > deadline {
                caller.sleep { unfinished.load(ordering: .sequentiallyConsistent) == 0 }
            }
        }
        claims.withLock { $0 = Claims() }
        return true
    }

    /// Runs iterations of the current call until none are left to claim.
    private func work() {
        while runOne() {
            if unfinished.subtract(1, ordering: .sequentiallyConsistent).newValue == 0 { caller.wake() }
        }
    }

    /// Claims and runs one iteration; false when none is left. The body's copy is released
    /// when this returns, before the iteration counts as finished: `withoutActuallyEscaping`
    /// checks that nothing holds the body once the call returns.
    @inline(never)
    private func runOne() -> Bool {
        let claimed = claims.withLock { c -> (Int, TreeThreads.Unchecked)? in
            guard let body = c.body, c.next < c.iterations else { return nil }
            c.next += 1
            return (c.next - 1, body)
        }
        guard let (i, body) = claimed else { return false }
        body.body(i)
        return true
    }

    private func startIfNeeded() {
        guard !started.exchange(true, ordering: .relaxed) else { return }
        for t in 0..<threads {
            let thread = Thread { [self] in loop(sleeper: sleepers[t]) }
            thread.name = "assay.trees.\(t + 1)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    private func loop(sleeper: Sleeper) {
        let clock = ContinuousClock()
        // Read before looking for work: a call published after the look changes it.
        var seen = generation.load(ordering: .acquiring)
        while true {
            work()
            let deadline = clock.now + Self.spin
            var polls = 0
            while generation.load(ordering: .acquiring) == seen {
                polls += 1
                if polls & 255 == 0, clock.now > deadline {
                    sleeper.sleep { generation.load(ordering: .sequentiallyConsistent) != seen }
                }
            }
            seen = generation.load(ordering: .acquiring)
        }
    }
}
