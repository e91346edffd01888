import AssayFrame
import Foundation
import Testing

@testable import AssayLearn

/// TPE's estimators on numbers one can check, and TPE against random search on a real pipeline.
@Suite struct TuningPipelineTests {
    @Test func jointKernelWidthsAreTheGapsToTheNeighbours() {
        // Sorted 0.1, 0.2, 0.5, 0.9: the outer points take their one gap, the inner ones the
        // larger of two; 40 trials clip from below at 1 / 42.
        let widths = JointParzenEstimator.neighbourWidths([0.5, 0.1, 0.9, 0.2], bounds: (0, 1), range: 1, trials: 40, step: 0)
        let expected = [0.4, 0.1, 0.4, 0.3]
        for (width, want) in zip(widths, expected) { #expect(abs(width - want) < 1e-12) }
        // Clustered points get the floor; an int's floor is one step.
        let floor = 1.0 / 42
        #expect(JointParzenEstimator.neighbourWidths([0.5, 0.5, 0.5], bounds: (0, 1), range: 1, trials: 40, step: 0) == [floor, floor, floor])
        #expect(JointParzenEstimator.neighbourWidths([3, 3], bounds: (0.5, 10.5), range: 10, trials: 98, step: 1) == [1, 1])
        // A lone point measures to the farther bound.
        #expect(JointParzenEstimator.neighbourWidths([0.25], bounds: (0, 1), range: 1, trials: 10, step: 0) == [0.75])
    }

    /// Two classes in 8 features (3 informative, 2 redundant, 3 noise), overlapping enough that
    /// boosting can overfit.
    static func data() throws -> Dataset {
        try SyntheticData.classification(rows: 400, features: 8, informative: 3, redundant: 2, separation: 0.7, seed: 3)
    }

    /// Boosting with 20 rounds: the rate must be large enough to move the predictions away from
    /// 0.5 within them, the penalty and leaf size small enough, yet not so loose that the trees
    /// overfit 280 rows. The good region is a narrow stretch of rate and l2 on scales spanning 3
    /// and 6 decades, which random search rarely hits closely and TPE can home in on.
    static func space() throws -> SearchSpace {
        try SearchSpace([
            SearchParameter("rate", try .logUniform(0.001, 1)),
            SearchParameter("l2", try .logUniform(0.001, 1000)),
            SearchParameter("leaves", try .integer(2, 32)),
            SearchParameter("min_leaf", try .integer(1, 60)),
        ])
    }

    /// The held-out log-loss (30% of the rows) of the pipeline with an assignment's
    /// hyperparameters.
    static func heldOutLogLoss(_ a: Assignment, data: Dataset) throws -> Double {
        let parameters = BoostParameters(
            rounds: 20, rate: a["rate"]?.number ?? .nan, depth: nil, leaves: Int(a["leaves"]?.number ?? 0),
            minLeaf: Int(a["min_leaf"]?.number ?? 0), l2: a["l2"]?.number ?? .nan)
        let pipeline = Pipeline(
            stages: [], model: BoostModel(parameters), settings: [ComponentSettings(kind: "boost", parameters: [])],
            task: .classification, name: "boost")
        let summary = try PipelineTrainer.validate(
            pipeline, on: data, target: "target", scheme: .holdout(fraction: 0.3), metrics: [.logloss], context: FitContext(seed: 0))
        return try #require(summary.score(.logloss)).value
    }

    /// The best held-out log-loss of a sequential 30-trial sweep.
    static func bestLoss(_ searcher: any Searcher, seed: UInt64, data: Dataset) throws -> Double {
        let sweep = Sweep(space: try space(), searcher: searcher, trials: 30, seed: seed, lag: 0)
        let result = try sweep.run { assignment, _ in (loss: try heldOutLogLoss(assignment, data: data), extra: ()) }
        return try #require(result.best?.loss)
    }

    /// Seven seeds, the median best of each searcher (about 13 s in a debug build).
    @Test func tpeFindsABetterBoosterThanRandomSearch() throws {
        let data = try Self.data()
        var tpe: [Double] = []
        var random: [Double] = []
        for seed in 0..<7 as Range<UInt64> {
            tpe.append(try Self.bestLoss(TPESearch(), seed: seed, data: data))
            random.append(try Self.bestLoss(RandomSearch(), seed: seed, data: data))
        }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        #expect(median(tpe) < median(random), "TPE \(tpe.sorted()), random \(random.sorted())")
    }
}
