/// Which rows of a join survive: matches only, or every left row.
public enum JoinKind: Sendable {
    case inner, left
}

extension Dataset {
    /// A hash join on equal key values. The result holds this dataset's columns, then the other's
    /// non-key columns (a name already taken gets the suffix `_right`). Rows come in this
    /// dataset's order, each with its matches in the other's order; a left join keeps unmatched
    /// rows with missing values on the right. Missing keys match nothing (SQL; pandas would
    /// match NaN with NaN).
    public func joined(with other: Dataset, on keys: [String], kind: JoinKind) throws(FrameError) -> Dataset {
        guard !keys.isEmpty else { throw FrameError("a join needs at least one key column", help: "write `join OTHER on COLUMN`") }
        var seen: Set<String> = []
        var leftIDs: [Int32] = [], rightIDs: [Int32] = []
        var pairs = PairEncoder()
        var count = 0
        for (position, key) in keys.enumerated() {
            guard seen.insert(key).inserted else { throw FrameError("key `\(key)` is listed twice") }
            guard let left = column(key) else { throw .unknownColumn(key, available: columnNames, side: "left") }
            guard let right = other.column(key) else {
                throw .unknownColumn(key, available: other.columnNames, side: "right")
            }
            guard left.type == right.type else {
                throw FrameError(
                    "key `\(key)` holds \(left.type.rawValue)s on the left and \(right.type.rawValue)s on the right",
                    help: "join on columns of the same type")
            }
            var encoder = KeyEncoder(missingIsKey: false)
            let l = encoder.encode(left), r = encoder.encode(right)
            if position == 0 {
                (leftIDs, rightIDs, count) = (l, r, Int(encoder.count))
            } else {
                leftIDs = pairs.combine(leftIDs, l)
                rightIDs = pairs.combine(rightIDs, r)
                count = Int(pairs.count)
            }
        }
        let matches = GroupRows(ids: rightIDs, count: count)
        var leftRows: [Int] = [], rightRows: [Int] = []
        leftRows.reserveCapacity(rowCount)
        rightRows.reserveCapacity(rowCount)
        for (row, id) in leftIDs.enumerated() {
            let found = id >= 0 && Int(id) < count ? matches.rows(of: Int(id)) : []
            if found.isEmpty {
                if kind == .left {
                    leftRows.append(row)
                    rightRows.append(-1)
                }
                continue
            }
            for match in found {
                leftRows.append(row)
                rightRows.append(match)
            }
        }
        var names = Set(columnNames)
        var output = columns.map { $0.take(leftRows) }
        for column in other.columns where !seen.contains(column.name) {
            var name = column.name
            if names.contains(name) {
                name += "_right"
                var suffix = 2
                while names.contains(name) {
                    name = "\(column.name)_right\(suffix)"
                    suffix += 1
                }
            }
            names.insert(name)
            output.append(column.take(optional: rightRows).renamed(name))
        }
        return Dataset(trusted: output)
    }
}
