import AssayLearn
import Foundation
import Synchronization
import Testing

/// Searchers and sweeps: reproducible for a seed whatever the parallelism, TPE better than
/// random search, stopping, failures and interrupts.
@Suite struct TuningSearchTests {
    /// A bowl in 4 dimensions, minimum 0 at (1, -2, 0.5, 3).
    static func bowl(_ a: Assignment) -> Double {
        let centre = [1, -2, 0.5, 3.0]
        return (0..<4).reduce(0) { sum, k in
            let d = (a["x\(k)"]?.number ?? .nan) - centre[k]
            return sum + d * d
        }
    }

    static func bowlSpace() throws -> SearchSpace {
        try SearchSpace((0..<4).map { SearchParameter("x\($0)", try .uniform(-5, 5)) })
    }

    static func losses(_ searcher: any Searcher, parallel: Int, seed: UInt64, trials: Int = 40) throws -> [Double] {
        let sweep = Sweep(space: try bowlSpace(), searcher: searcher, trials: trials, parallel: parallel, seed: seed)
        let result = try sweep.run { assignment, _ in
            // Uneven durations shuffle the finishing order between runs.
            Thread.sleep(forTimeInterval: Double(Int(bowl(assignment) * 1000) % 3) * 0.001)
            return (loss: bowl(assignment), extra: ())
        }
        return result.trials.compactMap(\.loss)
    }

    @Test(arguments: ["random", "tpe"])
    func sameTrialsForASeedWhateverTheParallelism(_ name: String) throws {
        let searcher: any Searcher = name == "random" ? RandomSearch() : TPESearch(startupTrials: 10)
        let one = try Self.losses(searcher, parallel: 1, seed: 11)
        #expect(one.count == 40)
        #expect(try Self.losses(searcher, parallel: 1, seed: 11) == one)
        #expect(try Self.losses(searcher, parallel: 2, seed: 11) == one)
        #expect(try Self.losses(searcher, parallel: 4, seed: 11) == one)
        #expect(try Self.losses(searcher, parallel: 1, seed: 12) != one)
    }

    @Test func tpeBeatsRandomSearchOnABowl() throws {
        var tpe: [Double] = []
        var random: [Double] = []
        for seed in 0..<12 as Range<UInt64> {
            tpe.append(try Self.losses(TPESearch(), parallel: 2, seed: seed, trials: 50).min() ?? .infinity)
            random.append(try Self.losses(RandomSearch(), parallel: 2, seed: seed, trials: 50).min() ?? .infinity)
        }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        #expect(median(tpe) < median(random))
    }

    @Test func stopAfterEndsAtTheSameTrialWhateverTheParallelism() throws {
        let space = try Self.bowlSpace()
        var ends: [Int] = []
        for parallel in [1, 3] {
            let sweep = Sweep(space: space, searcher: RandomSearch(), trials: 200, parallel: parallel, seed: 5, stopAfter: 6)
            let result = try sweep.run { assignment, _ in (loss: Self.bowl(assignment), extra: ()) }
            #expect(result.stoppedEarly)
            let best = try #require(result.best)
            #expect(result.trials.last?.index == best.index + 6)
            #expect(result.trials.map(\.index) == Array(0..<result.trials.count))
            ends.append(result.trials.count)
        }
        #expect(ends[0] == ends[1])
    }

    @Test func failedTrialsAreKeptWithTheirError() throws {
        let sweep = Sweep(space: try Self.bowlSpace(), searcher: TPESearch(startupTrials: 4), trials: 20, parallel: 2, seed: 2)
        let result = try sweep.run { assignment, _ in
            if (assignment["x0"]?.number ?? 0) < 0 { throw LearnError("negative x0") }
            return (loss: Self.bowl(assignment), extra: ())
        }
        #expect(result.trials.count == 20)
        let failed = result.trials.filter { $0.loss == nil }
        #expect(!failed.isEmpty)
        for trial in failed { #expect(trial.error as? LearnError == LearnError("negative x0")) }
        #expect(result.best?.loss != nil)
        #expect(result.bestFirst.last?.loss == nil)
    }

    @Test func anInterruptKeepsFinishedTrials() throws {
        let started = Atomic<Int>(0)
        let sweep = Sweep(space: try Self.bowlSpace(), searcher: RandomSearch(), trials: 1000, parallel: 2, seed: 1)
        let seen = Mutex<[SweepProgress]>([])
        let result = try sweep.run(
            isCancelled: { started.load(ordering: .relaxed) >= 10 },
            progress: { update in seen.withLock { $0.append(update) } },
            evaluate: { assignment, _ in
                started.add(1, ordering: .relaxed)
                return (loss: Self.bowl(assignment), extra: ())
            })
        #expect(result.interrupted)
        #expect(result.trials.count >= 9 && result.trials.count <= 11)
        let updates = seen.withLock { $0 }
        #expect(updates.count == result.trials.count)
        #expect(updates.last?.total == 1000)
        #expect(updates.last?.bestLoss == result.best?.loss)
    }

    @Test func trialSeedsDependOnSeedAndIndex() throws {
        let result = try Sweep(space: try Self.bowlSpace(), searcher: RandomSearch(), trials: 3, seed: 9).run { _, seed in
            (loss: 0.0, extra: seed)
        }
        #expect(result.trials.map(\.extra) == (0..<3).map { Sweep.trialSeed(9, trial: $0) })
        #expect(Set(result.trials.compactMap(\.extra)).count == 3)
    }
}
