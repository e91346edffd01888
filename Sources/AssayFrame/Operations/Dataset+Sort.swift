/// The direction of one sort key.
public enum SortOrder: Sendable {
    case ascending, descending
}

extension Dataset {
    /// Rows ordered by the keys in turn; stable (equal keys keep their order), missing values last
    /// in either direction (pandas' `na_position="last"`). Strings order by code points of their
    /// canonical (NFC) form, as Swift compares strings.
    public func sorted(by keys: [(column: String, order: SortOrder)]) throws(FrameError) -> Dataset {
        var columns: [(values: [Double], descending: Bool)] = []
        for key in keys {
            columns.append((try requireColumn(key.column).orderingValues, key.order == .descending))
        }
        // Stable passes from the last key to the first give the order of all keys together.
        var order = Array(0..<rowCount)
        for column in columns.reversed() {
            RadixSort.sort(&order, by: column.values.map { RadixSort.key($0, descending: column.descending) })
        }
        return columns.isEmpty ? self : take(order)
    }
}
