import AssayFrame
import AssayLearn
import AssayTracking

/// What automatic logging records about fits and evaluations, as params, metrics and tags.
enum RunContent {
    /// Every component's hyperparameters as `component.param` (`boost.rate`); a second
    /// component of the same kind is `impute_2.strategy`.
    static func params(_ settings: [ComponentSettings]) -> [String: String] {
        var seen: [String: Int] = [:]
        var out: [String: String] = [:]
        for component in settings {
            seen[component.kind, default: 0] += 1
            let count = seen[component.kind] ?? 1
            let prefix = count == 1 ? component.kind : "\(component.kind)_\(count)"
            for parameter in component.parameters { out["\(prefix).\(parameter.name)"] = plain(parameter.value) }
        }
        return out
    }

    /// A string hyperparameter as its text (`median`, not `"median"`), so filters and MLflow
    /// compare it as people write it.
    static func plain(_ value: String) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\""), !value.dropFirst().dropLast().contains("\"") else {
            return value
        }
        return String(value.dropFirst().dropLast())
    }

    /// Training scores as `train_<m>`, validation means as `<m>` with `<m>_std`, and the final
    /// fit's time as `train_seconds`. Values that are not finite are left out.
    static func metrics(_ model: FittedPipeline, at time: Int64 = Timestamp.now()) -> [MetricPoint] {
        var points: [MetricPoint] = []
        func add(_ key: String, _ value: Double?) {
            if let value, value.isFinite { points.append(MetricPoint(key: key, value: value, timestamp: time)) }
        }
        for score in model.trainingScores { add("train_" + score.metric.rawValue, score.value) }
        for score in model.validation?.scores ?? [] {
            add(score.metric.rawValue, score.value)
            add(score.metric.rawValue + "_std", score.std)
        }
        add("train_seconds", model.seconds)
        return points
    }

    /// Scores of `evaluate`, under the metric's own name.
    static func metrics(_ scores: [MetricScore], at time: Int64 = Timestamp.now()) -> [MetricPoint] {
        scores.filter { $0.value.isFinite }.map { MetricPoint(key: $0.metric.rawValue, value: $0.value, timestamp: time) }
    }

    /// The data a run saw: its name when it had one, its rows and its fingerprint.
    static func dataTags(_ data: Dataset, name: String?) -> [String: String] {
        var tags = ["rows": String(data.rowCount), "fingerprint": DataFingerprint.of(data)]
        if let name { tags["dataset"] = name }
        return tags
    }

    /// Whether a higher value of a metric named `key` is better: scores yes, errors and losses no.
    static func isHigherBetter(_ key: String) -> Bool {
        var name = key
        if name.hasPrefix("train_") { name.removeFirst("train_".count) }
        if name.hasSuffix("_std") || name.hasSuffix("seconds") { return false }
        if let metric = Metric(rawValue: name) { return metric.isHigherBetter }
        let lowered = name.lowercased()
        return !["loss", "error", "rmse", "mae", "mse"].contains { lowered.contains($0) }
    }
}
