/// `head`, `tail`, `dropna` and `distinct`: which rows to keep, in their order.
extension Dataset {
    /// The first `n` rows (all when fewer; none when `n` is negative).
    public func head(_ n: Int) -> Dataset {
        slice(0..<max(0, min(n, rowCount)))
    }

    /// The last `n` rows.
    public func tail(_ n: Int) -> Dataset {
        slice((rowCount - max(0, min(n, rowCount)))..<rowCount)
    }

    /// The rows with a value in each of `columns` (every column when nil).
    public func droppingMissing(_ columns: [String]?) throws(FrameError) -> Dataset {
        let checked = try columns.map { names throws(FrameError) in try requireColumns(names, role: "column") } ?? self.columns
        var keep = [Bool](repeating: true, count: rowCount)
        for column in checked {
            for (row, missing) in column.missingMask.enumerated() where missing && row < keep.count { keep[row] = false }
        }
        let rows = keep.indices.filter { keep[$0] }
        return rows.count == rowCount ? self : take(rows)
    }

    /// The first row of each distinct combination of values in `columns` (every column when
    /// nil), in order; missing equals missing here, as in pandas' `drop_duplicates`.
    public func distinct(_ columns: [String]?) throws(FrameError) -> Dataset {
        let keys = try columns.map { names throws(FrameError) in try requireColumns(names, role: "column") } ?? self.columns
        let groups = GroupRows(keys, rowCount: rowCount)
        var seen = [Bool](repeating: false, count: groups.count)
        var rows: [Int] = []
        for (row, id) in groups.ids.enumerated() where id >= 0 && Int(id) < seen.count && !seen[Int(id)] {
            seen[Int(id)] = true
            rows.append(row)
        }
        return rows.count == rowCount ? self : take(rows)
    }
}
