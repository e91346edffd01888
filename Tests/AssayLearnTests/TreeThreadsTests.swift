@testable import AssayLearn
import Dispatch
import Synchronization
import Testing

/// The tree code's thread pool: every iteration runs exactly once, whoever calls and however
/// often, including calls that find the pool busy and calls made from inside a body.
@Suite struct TreeThreadsTests {
    @Test func everyIterationRunsOnceAcrossManyCalls() {
        for iterations in [2, 3, 5, 8] {
            for _ in 0..<500 {
                let counts = Mutex([Int](repeating: 0, count: iterations))
                TreeThreads.run(iterations) { i in counts.withLock { $0[i] += 1 } }
                #expect(counts.withLock { $0 } == [Int](repeating: 1, count: iterations))
            }
        }
    }

    @Test func callsFromSeveralThreadsAndFromInsideABodyAllFinish() {
        let total = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<200 {
                TreeThreads.run(2) { _ in
                    // A call from inside a body finds the pool busy and runs on Dispatch.
                    TreeThreads.run(2) { _ in total.add(1, ordering: .relaxed) }
                }
            }
        }
        #expect(total.load(ordering: .relaxed) == 4 * 200 * 2 * 2)
    }

    @Test func aPoolThatSleptWakesForTheNextCall() async throws {
        let seen = Atomic<Int>(0)
        TreeThreads.run(2) { _ in seen.add(1, ordering: .relaxed) }
        // Longer than the spin, so the pool's threads are asleep on their semaphores.
        try await Task.sleep(for: .milliseconds(20))
        TreeThreads.run(2) { _ in seen.add(1, ordering: .relaxed) }
        #expect(seen.load(ordering: .relaxed) == 4)
    }
}
