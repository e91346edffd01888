import AssayFrame

/// The coalitions Kernel SHAP evaluates, with their Shapley kernel weights (Lundberg & Lee
/// 2017): a coalition of `s` of `M` features weighs `(M − 1) / (C(M, s) · s · (M − s))`, so the
/// sizes together weigh `(M − 1) / (s (M − s))`; the empty and full coalitions are the
/// constraints, not rows. Sizes are taken in pairs (`s` and `M − s`) from the heaviest, the
/// smallest and largest coalitions, and a pair is enumerated whole while the budget's share for
/// it covers every coalition in it; the rest of the budget samples the remaining sizes in
/// proportion to their weight, each subset with its complement. With a budget of `2^M − 2` or
/// more every coalition is enumerated and the values are exact.
struct Coalitions: Sendable {
    let features: Int
    /// `count` rows of `features` flags.
    var members: [UInt8]
    var weights: [Double]
    var count: Int { weights.count }

    init(features m: Int, budget: Int, seed: UInt64) {
        features = m
        members = []
        weights = []
        guard m >= 2 else { return }
        let sizes = Array(1..<m)
        let sizeWeight = sizes.map { Double(m - 1) / Double($0 * (m - $0)) }
        let total = sizeWeight.reduce(0, +)
        var remainingBudget = Double(max(budget, 2))
        var remainingWeight = 1.0
        var firstSampledPair = (m / 2) + 1
        var enumeratedAll = true
        for s in 1...(m / 2) {
            let mirrored = s != m - s
            let coalitions = Self.binomial(m, s) * (mirrored ? 2 : 1)
            let pairWeight = (sizeWeight[s - 1] + (mirrored ? sizeWeight[m - s - 1] : 0)) / total
            guard remainingBudget * pairWeight / remainingWeight >= coalitions - 1e-9 else {
                firstSampledPair = s
                enumeratedAll = false
                break
            }
            let each = sizeWeight[s - 1] / total / Self.binomial(m, s)
            Self.forEachSubset(of: m, size: s) { flags in
                members.append(contentsOf: flags)
                weights.append(each)
                if mirrored {
                    members.append(contentsOf: flags.map { 1 - $0 })
                    weights.append(each)
                }
            }
            remainingBudget -= coalitions
            remainingWeight -= pairWeight
        }
        guard !enumeratedAll, remainingBudget >= 2 else { return }

        // Sampling the remaining pairs: a size in proportion to its pair's weight, a uniform
        // subset of it and its complement; repeats add up their weights.
        let pairs = Array(firstSampledPair...(m / 2))
        let pairWeights = pairs.map { s in sizeWeight[s - 1] + (s != m - s ? sizeWeight[m - s - 1] : 0) }
        let pairTotal = pairWeights.reduce(0, +)
        var generator = SeededGenerator(seed: seed)
        var position: [[UInt8]: Int] = [:]
        var sampled: [[UInt8]] = []
        var counts: [Double] = []
        let draws = Int(remainingBudget) / 2
        var indices = Array(0..<m)
        for _ in 0..<draws {
            var pick = Double(generator.next() >> 11) * 0x1p-53 * pairTotal
            var s = pairs[pairs.count - 1]
            for (i, w) in pairWeights.enumerated() {
                pick -= w
                if pick < 0 { s = pairs[i]; break }
            }
            generator.shuffle(&indices, first: s)
            var flags = [UInt8](repeating: 0, count: m)
            for i in 0..<s { flags[indices[i]] = 1 }
            for coalition in [flags, flags.map { 1 - $0 }] {
                if let at = position[coalition] {
                    counts[at] += 1
                } else {
                    position[coalition] = sampled.count
                    sampled.append(coalition)
                    counts.append(1)
                }
            }
        }
        let each = remainingWeight / Double(2 * draws)
        for (coalition, n) in zip(sampled, counts) {
            members.append(contentsOf: coalition)
            weights.append(each * n)
        }
    }

    /// C(n, k) as a double: exact while it fits 53 bits, and only compared against budgets.
    static func binomial(_ n: Int, _ k: Int) -> Double {
        var c = 1.0
        for i in 0..<k { c = c * Double(n - i) / Double(i + 1) }
        return c.rounded()
    }

    /// Calls `body` with the flags of every subset of `size` of `n` features, in lexicographic
    /// order of their members.
    static func forEachSubset(of n: Int, size: Int, _ body: ([UInt8]) -> Void) {
        var chosen = Array(0..<size)
        var flags = [UInt8](repeating: 0, count: n)
        while true {
            for i in 0..<n { flags[i] = 0 }
            for i in chosen { flags[i] = 1 }
            body(flags)
            // The rightmost member that can still move right, then its followers packed after it.
            var i = size - 1
            while i >= 0 && chosen[i] == n - size + i { i -= 1 }
            guard i >= 0 else { return }
            chosen[i] += 1
            for j in (i + 1)..<size { chosen[j] = chosen[j - 1] + 1 }
        }
    }
}
