import Foundation

/// Reads whole runs (row, params, last metrics, tags) for a list of ids, four queries in all.
struct SQLiteRunReader {
    let db: SQLiteConnection

    init(_ db: SQLiteConnection) {
        self.db = db
    }

    /// The runs in the order of `ids`.
    func runs(ids: [String]) throws(TrackingError) -> [Run] {
        guard !ids.isEmpty else { return [] }
        let list = SQLiteValue.text(Self.jsonArray(ids))
        let among = "IN (SELECT value FROM json_each(?))"
        var byID: [String: Run] = [:]
        byID.reserveCapacity(ids.count)
        try db.statement("""
            SELECT id, name, experiment_id, parent_id, status, start_time, end_time, model, code FROM runs WHERE id \(among)
            """).forEach([list]) { row in
            let id = row.text(0)
            byID[id] = Run(
                id: id, name: row.text(1), experimentID: String(row.int64(2)), parentID: row.optionalText(3),
                status: RunStatus(rawValue: row.text(4)) ?? .failed, startTime: row.int64(5), endTime: row.optionalInt64(6),
                model: row.optionalText(7), code: row.optionalText(8))
        }
        try db.statement("SELECT run_id, key, value FROM params WHERE run_id \(among)").forEach([list]) { row in
            byID[row.text(0)]?.params[row.text(1)] = row.text(2)
        }
        try db.statement("SELECT run_id, key, value FROM latest_metrics WHERE run_id \(among)").forEach([list]) { row in
            byID[row.text(0)]?.metrics[row.text(1)] = row.isNull(2) ? .nan : row.double(2)
        }
        try db.statement("SELECT run_id, key, value FROM tags WHERE run_id \(among)").forEach([list]) { row in
            byID[row.text(0)]?.tags[row.text(1)] = row.text(2)
        }
        return ids.compactMap { byID[$0] }
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
