import AssayTracking

/// A tracked run held by a name: the run, every metric value it logged, and its children.
final class RunValue: Sendable {
    let run: Run
    let history: [MetricPoint]
    let children: [Run]

    init(_ run: Run, history: [MetricPoint], children: [Run]) {
        self.run = run
        self.history = history
        self.children = children
    }

    /// Each metric's best, lowest, highest and last value over its steps, by name.
    var metricSummaries: [(key: String, best: Double, min: Double, max: Double, last: Double, steps: Int)] {
        var byKey: [String: [MetricPoint]] = [:]
        for point in history { byKey[point.key, default: []].append(point) }
        // A store that keeps only the last value (or none) still shows it.
        for (key, value) in run.metrics where byKey[key] == nil {
            byKey[key] = [MetricPoint(key: key, value: value, timestamp: run.startTime)]
        }
        return byKey.keys.sorted().compactMap { key in
            let points = (byKey[key] ?? []).filter { !$0.value.isNaN }
            guard let first = points.first else { return nil }
            let values = points.map(\.value)
            let low = values.min() ?? first.value, high = values.max() ?? first.value
            let last = points.max { ($0.step, $0.timestamp) < ($1.step, $1.timestamp) }?.value ?? first.value
            return (key, RunContent.isHigherBetter(key) ? high : low, low, high, last, points.count)
        }
    }
}
