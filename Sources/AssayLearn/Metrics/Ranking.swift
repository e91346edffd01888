/// Binary ranking scores with exact tie handling: rows with equal scores form one threshold.
enum Ranking {
    /// Row indices from the highest score to the lowest; ties keep their order.
    private static func descending(_ scores: [Double]) -> [Int] {
        Array(scores.indices).sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
    }

    /// The area under the ROC curve through the Mann–Whitney statistic with average ranks for
    /// ties, which equals the trapezoidal area scikit-learn computes.
    static func rocAUC(positive: [Bool], scores: [Double]) -> Double {
        let order = descending(scores).reversed().map { $0 }
        var positiveRankSum = 0.0
        var positives = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + end + 2) / 2
            for i in start...end where positive[order[i]] {
                positiveRankSum += averageRank
                positives += 1
            }
            start = end + 1
        }
        let negatives = Double(order.count) - positives
        guard positives > 0, negatives > 0 else { return .nan }
        return (positiveRankSum - positives * (positives + 1) / 2) / (positives * negatives)
    }

    /// Average precision: Σ (Rₙ − Rₙ₋₁) Pₙ over distinct thresholds from high to low.
    static func averagePrecision(positive: [Bool], scores: [Double]) -> Double {
        let order = descending(scores)
        let totalPositives = Double(positive.lazy.filter { $0 }.count)
        guard totalPositives > 0 else { return .nan }
        var truePositives = 0.0
        var seen = 0.0
        var previousRecall = 0.0
        var sum = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
            for i in start...end {
                seen += 1
                if positive[order[i]] { truePositives += 1 }
            }
            let recall = truePositives / totalPositives
            sum += (recall - previousRecall) * (truePositives / seen)
            previousRecall = recall
            start = end + 1
        }
        return sum
    }
}
