import AssayFrame
import AssayTracking
import Foundation

/// Runs as a dataset: `id`, `name`, `status`, `model`, `start`, `duration`, then one column
/// per metric, param and tag (`metrics.f1`, `params.boost.rate`, `tags.dataset`).
enum RunTable {
    /// Tags the stores use for their own bookkeeping, not shown as columns.
    static func isInternal(_ tag: String) -> Bool {
        tag.hasPrefix("mlflow.") || tag.hasPrefix("assay.")
    }

    /// The fields `runs where` can name: the attributes, then the metrics, params and tags of
    /// the current experiment's latest runs. Empty beyond the attributes when the store fails.
    static func fields(_ tracker: RunTracker) -> [String] {
        var fields = RunField.attributes.keys.sorted()
        guard let (store, experiment) = try? tracker.open(),
            let runs = try? store.searchRuns(RunQuery(experimentIDs: [experiment.id], limit: 200))
        else { return fields }
        fields += Set(runs.flatMap(\.metrics.keys)).sorted().map { "metrics.\($0)" }
        fields += Set(runs.flatMap(\.params.keys)).sorted().map { "params.\($0)" }
        fields += Set(runs.flatMap(\.tags.keys)).filter { !isInternal($0) }.sorted().map { "tags.\($0)" }
        return fields
    }

    static func dataset(_ runs: [Run]) throws(FrameError) -> Dataset {
        var columns = [
            Column("id", strings: runs.map(\.id)),
            Column("name", strings: runs.map(\.name)),
            Column("status", strings: runs.map(\.status.rawValue)),
            Column("model", strings: runs.map(\.model)),
            Column("start", strings: runs.map { time($0.startTime) }),
            Column("duration", numbers: runs.map { $0.duration ?? .nan }),
        ]
        let metricKeys = Set(runs.flatMap(\.metrics.keys)).sorted()
        for key in metricKeys {
            columns.append(Column("metrics.\(key)", numbers: runs.map { $0.metrics[key] ?? .nan }))
        }
        let paramKeys = Set(runs.flatMap(\.params.keys)).sorted()
        for key in paramKeys {
            columns.append(textOrNumbers("params.\(key)", runs.map { $0.params[key] }))
        }
        let tagKeys = Set(runs.flatMap(\.tags.keys)).filter { !isInternal($0) }.sorted()
        for key in tagKeys {
            columns.append(Column("tags.\(key)", strings: runs.map { $0.tags[key] }))
        }
        return try Dataset(columns: columns)
    }

    /// Numbers when every present value reads as one, text otherwise.
    private static func textOrNumbers(_ name: String, _ values: [String?]) -> Column {
        var numbers: [Double] = []
        numbers.reserveCapacity(values.count)
        for value in values {
            guard let value else { numbers.append(.nan); continue }
            guard let number = Double(value), number.isFinite else { return Column(name, strings: values) }
            numbers.append(number)
        }
        return Column(name, numbers: numbers)
    }

    /// `2025-06-01 14:03:22` in the kernel's time zone.
    static func time(_ milliseconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// Reads `2025-06-01`, `2025-06-01 14:03` or `2025-06-01 14:03:22` (also with `T`) in the
    /// kernel's time zone, as milliseconds since 1970.
    static func milliseconds(_ text: String) -> Int64? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        let normalized = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "T", with: " ")
        for format in ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: normalized) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        }
        return nil
    }
}
