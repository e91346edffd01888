import AssayFrame

/// Permutation importance for any model: how much a score drops when one feature's column is
/// shuffled, breaking its link to the target, over several seeded shuffles.
public struct PermutationImportance: Sendable, Hashable {
    public var featureNames: [String]
    /// The score on the data as given.
    public var baseline: Double
    /// Per feature: the drop of each repeat (baseline − shuffled score, or the rise for a loss).
    public var drops: [[Double]]

    /// Per feature: the mean drop over the repeats.
    public var mean: [Double] { drops.map { $0.reduce(0, +) / Double(max($0.count, 1)) } }

    /// Per feature: the standard deviation of the drops (over the repeats, not a sample estimate).
    public var standardDeviation: [Double] {
        zip(drops, mean).map { values, m in
            (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(values.count, 1))).squareRoot()
        }
    }

    /// Shuffles each column of `x` `repeats` times and scores the model on it. `score` predicts
    /// and compares with the target in one go (rows stay in order, so it can hold the target);
    /// `higherIsBetter` is false for losses. Each feature draws from its own stream of `seed`,
    /// so the result does not depend on `threads`.
    public static func compute(
        _ x: FeatureMatrix, repeats: Int = 5, seed: UInt64 = 0, threads: Int = 1, higherIsBetter: Bool = true,
        score: @escaping @Sendable (FeatureMatrix) -> Double
    ) throws(LearnError) -> PermutationImportance {
        guard repeats >= 1 else { throw LearnError("`repeats` must be at least 1, got \(repeats)") }
        guard x.rows > 0 else { throw LearnError("there are no rows to measure importance on") }
        let baseline = score(x)
        let sign = higherIsBetter ? 1.0 : -1.0
        let features = x.columnCount
        let rows = x.rows
        var drops = [[Double]](repeating: [], count: features)
        let workers = max(1, min(threads, features))
        drops.withUnsafeMutableBufferPointer { out in
            TreeThreads.run(workers) { worker in
                var shuffled = x
                var f = worker
                while f < features {
                    // A stream per feature: SplitMix64's increment keeps nearby seeds apart.
                    var generator = SeededGenerator(seed: seed &+ UInt64(f + 1) &* 0x9E37_79B9_7F4A_7C15)
                    var column = Array(x.column(f))
                    var result: [Double] = []
                    for _ in 0..<repeats {
                        generator.shuffle(&column)
                        shuffled.values.replaceSubrange((f * rows)..<((f + 1) * rows), with: column)
                        result.append(sign * (baseline - score(shuffled)))
                    }
                    shuffled.values.replaceSubrange((f * rows)..<((f + 1) * rows), with: x.column(f))
                    out[f] = result
                    f += workers
                }
            }
        }
        return PermutationImportance(featureNames: x.names, baseline: baseline, drops: drops)
    }
}
