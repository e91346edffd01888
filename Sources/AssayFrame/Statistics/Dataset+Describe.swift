/// `describe`: a summary of every column.
extension Dataset {
    /// Columns are summarized in parallel; the order of the result is the columns' order.
    public func describe() -> [ColumnSummary] {
        Parallel.map(columns.count) { index in
            let column = columns[index]
            if case .number(let values) = column.values { return Self.numberSummary(column.name, values) }
            return Self.categorySummary(column)
        }
    }

    /// Sorting once gives the quartiles and, by comparing neighbours, the distinct count.
    private static func numberSummary(_ name: String, _ values: [Double]) -> ColumnSummary {
        let present = RadixSort.sortedPresent(values)
        var distinct = 0
        for (i, x) in present.enumerated() where i == 0 || x != present[i - 1] { distinct += 1 }
        var summary = ColumnSummary(
            name: name, type: .number, count: present.count, missing: values.count - present.count, distinct: distinct)
        guard !present.isEmpty else { return summary }
        summary.mean = Moments.mean(present)
        summary.std = present.count > 1 ? Moments.standardDeviation(present) : nil
        summary.min = present.first
        summary.q25 = Moments.quantile(sorted: present, 0.25)
        summary.median = Moments.quantile(sorted: present, 0.5)
        summary.q75 = Moments.quantile(sorted: present, 0.75)
        summary.max = present.last
        return summary
    }

    /// Strings and bools: counts, distinct values and the most frequent one.
    private static func categorySummary(_ column: Column) -> ColumnSummary {
        var encoder = KeyEncoder(missingIsKey: false)
        let ids = encoder.encode(column)
        // Ids are in order of first appearance, so the first id with the top count wins ties.
        var counts = [Int](repeating: 0, count: Int(encoder.count))
        var firstRow = [Int](repeating: -1, count: Int(encoder.count))
        var missing = 0
        for (row, id) in ids.enumerated() {
            guard id >= 0 && Int(id) < counts.count else { missing += 1; continue }
            counts[Int(id)] += 1
            if firstRow[Int(id)] < 0 { firstRow[Int(id)] = row }
        }
        var summary = ColumnSummary(
            name: column.name, type: column.type, count: ids.count - missing, missing: missing, distinct: counts.count)
        if let top = counts.indices.max(by: { counts[$0] < counts[$1] }) {
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
