import AssayFrame
import AssayLanguage
import AssayLearn

/// Metric tables as datasets: `evaluate`'s result and a board's leaderboard, best first.
enum Leaderboard {
    /// One row per model: `model`, `kind`, then one column per metric, sorted by `rankBy` when
    /// it is among the metrics.
    static func scores(_ rows: [(name: String, kind: String, scores: [MetricScore])], rankBy metric: Metric?) throws(Diagnostic) -> Dataset {
        let metrics = rows.first?.scores.map(\.metric) ?? []
        var order = Array(rows.indices)
        if let metric, let position = metrics.firstIndex(of: metric) {
            order.sort { a, b in
                let x = rows[a].scores[position].value, y = rows[b].scores[position].value
                if x.isNaN != y.isNaN { return y.isNaN }
                if x != y, !x.isNaN { return metric.isHigherBetter ? x > y : x < y }
                return a < b
            }
        }
        var columns = [
            Column("model", strings: order.map { rows[$0].name }), Column("kind", strings: order.map { rows[$0].kind }),
        ]
        for (position, metric) in metrics.enumerated() {
            columns.append(Column(metric.rawValue, numbers: order.map { rows[$0].scores[position].value }))
        }
        return try dataset(columns)
    }

    /// The board ranked: `rank`, `model`, `kind`, each reported metric (validation mean and std
    /// when the fit validated, else the training score as `train_<metric>`), `seconds`.
    static func board(_ board: Board) throws(Diagnostic) -> Dataset {
        let ranking = board.ranking
        let models = ranking.map { board.models[$0] }
        var columns = [
            Column("rank", numbers: models.indices.map { Double($0 + 1) }),
            Column("model", strings: models.map(\.name)), Column("kind", strings: models.map(\.kind)),
        ]
        let metrics = models.first?.trainingScores.map(\.metric) ?? []
        for metric in metrics {
            if board.ranksByValidation {
                columns.append(Column(metric.rawValue, numbers: models.map { $0.validation?.score(metric)?.value ?? .nan }))
                columns.append(Column(metric.rawValue + "_std", numbers: models.map { $0.validation?.score(metric)?.std ?? .nan }))
            } else {
                columns.append(Column("train_" + metric.rawValue, numbers: models.map { m in m.trainingScores.first { $0.metric == metric }?.value ?? .nan }))
            }
        }
        columns.append(Column("seconds", numbers: models.map(\.seconds)))
        return try dataset(columns)
    }

    private static func dataset(_ columns: [Column]) throws(Diagnostic) -> Dataset {
        do { return try Dataset(columns: columns) } catch { throw Diagnostic(.data(error.message, help: nil), at: nil) }
    }
}
