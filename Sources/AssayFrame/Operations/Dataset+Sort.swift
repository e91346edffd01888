/// The direction of one sort key.
public enum SortOrder: Sendable {
    case ascending, descending
}

extension Dataset {
    /// Rows ordered by the keys in turn; stable (equal keys keep their order), missing values last
    /// in either direction (pandas' `na_position="last"`). Strings order by Unicode code points.
    public func sorted(by keys: [(column: String, order: SortOrder)]) throws(FrameError) -> Dataset {
        var sortKeys: [(values: [Double], descending: Bool)] = []
        for key in keys {
            sortKeys.append((try requireColumn(key.column).orderingValues, key.order == .descending))
        }
        guard !sortKeys.isEmpty else { return self }
        var order = Array(0..<rowCount)
        order.sort { a, b in
            for key in sortKeys {
                let x = key.values[a], y = key.values[b]
                if x.isNaN || y.isNaN {
                    if x.isNaN != y.isNaN { return y.isNaN }
                    continue
                }
                if x != y { return key.descending ? x > y : x < y }
            }
            return a < b  // stability, whatever the sort algorithm
        }
        return take(order)
    }
}
