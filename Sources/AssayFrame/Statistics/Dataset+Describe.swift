/// `describe`: a summary of every column.
extension Dataset {
    public func describe() -> [ColumnSummary] {
        columns.map(Self.summary)
    }

    private static func summary(_ column: Column) -> ColumnSummary {
        var encoder = KeyEncoder(missingIsKey: false)
        let ids = encoder.encode(column)
        let missing = ids.lazy.filter { $0 < 0 }.count
        var summary = ColumnSummary(
            name: column.name, type: column.type, count: ids.count - missing, missing: missing, distinct: Int(encoder.count))
        switch column.values {
        case .number(let values):
            let present = values.filter { !$0.isNaN }.sorted()
            guard !present.isEmpty else { break }
            summary.mean = Moments.mean(present)
            summary.std = present.count > 1 ? Moments.standardDeviation(present) : nil
            summary.min = present.first
            summary.q25 = Moments.quantile(sorted: present, 0.25)
            summary.median = Moments.quantile(sorted: present, 0.5)
            summary.q75 = Moments.quantile(sorted: present, 0.75)
            summary.max = present.last
        case .string, .bool:
            // Ids are in order of first appearance, so the first id with the top count wins ties.
            var counts = [Int](repeating: 0, count: Int(encoder.count))
            var firstRow = [Int](repeating: -1, count: Int(encoder.count))
            for (row, id) in ids.enumerated() where id >= 0 && Int(id) < counts.count {
                counts[Int(id)] += 1
                if firstRow[Int(id)] < 0 { firstRow[Int(id)] = row }
            }
            guard let top = counts.indices.max(by: { counts[$0] < counts[$1] }) else { break }
            summary.topCount = counts[top]
            switch column[firstRow[top]] {
            case .string(let s): summary.top = s
            case .bool(let b): summary.top = b ? "true" : "false"
            case .number, .missing: break
            }
        }
        return summary
    }
}
