import AssayFrame

/// Several pipelines fitted on the same data: a leaderboard.
public struct Board: Sendable {
    public var models: [FittedPipeline]

    public init(models: [FittedPipeline]) {
        self.models = models
    }

    /// The metric the board ranks by: the first model's default metric.
    public var metric: Metric { models.first?.defaultMetric ?? .rmse }

    /// Whether ranking uses validation scores (every model has them) or training scores.
    public var ranksByValidation: Bool { !models.isEmpty && models.allSatisfy { $0.validation != nil } }

    /// The score a model is ranked by.
    public func rankingScore(_ model: FittedPipeline) -> Double {
        let score = ranksByValidation ? model.validation?.score(metric) : model.trainingScores.first { $0.metric == metric }
        return score?.value ?? .nan
    }

    /// Model positions, best first; ties keep board order and missing scores go last.
    public var ranking: [Int] {
        let higher = metric.isHigherBetter
        return models.indices.sorted { a, b in
            let x = rankingScore(models[a]), y = rankingScore(models[b])
            if x.isNaN != y.isNaN { return y.isNaN }
            if x != y, !x.isNaN { return higher ? x > y : x < y }
            return a < b
        }
    }

    public var best: FittedPipeline? { ranking.first.map { models[$0] } }
}
