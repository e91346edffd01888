import Foundation

/// Reads whole runs (row, params, last metrics, tags) for a list of ids, four queries in all,
/// or fills in runs whose rows a search already read.
struct SQLiteRunReader {
    let db: SQLiteConnection

    init(_ db: SQLiteConnection) {
        self.db = db
    }

    /// The columns of `runs` that `run(_:)` reads, in its order, for a query over `runs r`.
    static let columns = "r.id, r.name, r.experiment_id, r.parent_id, r.status, r.start_time, r.end_time, r.model, r.code"

    /// A run from a row that starts with `columns`; params, metrics and tags come from `fill`.
    static func run(_ row: SQLiteStatement) -> Run {
        Run(
            id: row.text(0), name: row.text(1), experimentID: String(row.int64(2)), parentID: row.optionalText(3),
            status: RunStatus(rawValue: row.text(4)) ?? .failed, startTime: row.int64(5), endTime: row.optionalInt64(6),
            model: row.optionalText(7), code: row.optionalText(8))
    }

    /// The runs in the order of `ids`.
    func runs(ids: [String]) throws(TrackingError) -> [Run] {
        guard !ids.isEmpty else { return [] }
        var runs: [Run] = []
        try db.statement("SELECT \(Self.columns) FROM runs r WHERE r.id IN (SELECT value FROM json_each(?))")
            .forEach([.text(Self.jsonArray(ids))]) { runs.append(Self.run($0)) }
        let found = Dictionary(runs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return try fill(ids.compactMap { found[$0] })
    }

    /// `runs` with their params, last metrics and tags, three queries in all.
    func fill(_ runs: [Run]) throws(TrackingError) -> [Run] {
        guard !runs.isEmpty else { return runs }
        var runs = runs
        var index: [String: Int] = [:]
        index.reserveCapacity(runs.count)
        for (i, run) in runs.enumerated() { index[run.id] = i }
        let list = SQLiteValue.text(Self.jsonArray(runs.map(\.id)))
        let among = "IN (SELECT value FROM json_each(?))"
        try db.statement("SELECT run_id, key, value FROM params WHERE run_id \(among)").forEach([list]) { row in
            if let i = index[row.text(0)] { runs[i].params[row.text(1)] = row.text(2) }
        }
        try db.statement("SELECT run_id, key, value FROM latest_metrics WHERE run_id \(among)").forEach([list]) { row in
            if let i = index[row.text(0)] { runs[i].metrics[row.text(1)] = row.isNull(2) ? .nan : row.double(2) }
        }
        try db.statement("SELECT run_id, key, value FROM tags WHERE run_id \(among)").forEach([list]) { row in
            if let i = index[row.text(0)] { runs[i].tags[row.text(1)] = row.text(2) }
        }
        return runs
    }

    /// Ids are hex digits, but quote them properly anyway.
    static func jsonArray(_ strings: [String]) -> String {
        var out = "["
        out.reserveCapacity(strings.count * 9 + 2)
        for (index, string) in strings.enumerated() {
            if index > 0 { out += "," }
            out += "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            out += "\""
        }
        return out + "]"
    }
}
