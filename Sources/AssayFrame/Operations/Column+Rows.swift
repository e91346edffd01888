/// Row-level helpers the operations share, each one loop over a column's buffer.
extension Column {
    /// The rows at `rows`, where -1 gives a missing value (the unmatched side of a left join).
    func take(optional rows: [Int]) -> Column {
        switch values {
        case .number(let v): Column(name, .number(rows.map { $0 < 0 ? .nan : v[$0] }))
        case .string(let s): Column(name, .string(StringColumn(dictionary: s.dictionary, codes: rows.map { $0 < 0 ? -1 : s.codes[$0] })))
        case .bool(let v): Column(name, .bool(rows.map { $0 < 0 ? -1 : v[$0] }))
        }
    }

    /// True where a row is missing.
    var missingMask: [Bool] {
        switch values {
        case .number(let v): v.map(\.isNaN)
        case .string(let s): s.codes.map { s.entry($0) == nil }
        case .bool(let v): v.map { $0 < 0 }
        }
    }

    /// Values that order rows as the column's values do: numbers as they are, strings as ranks
    /// of their sorted dictionary, bools as 0 and 1; NaN where missing.
    var orderingValues: [Double] {
        switch values {
        case .number(let v): v
        case .string(let s): RowKernel.gather(s.dictionaryRanks().map(Double.init), s.codes, missing: .nan)
        case .bool(let v): v.map { $0 < 0 ? .nan : Double($0) }
        }
    }

    /// Numbers for arithmetic statistics: numbers, and bools as 0 and 1 (as pandas sums them);
    /// nil for strings.
    var numericValues: [Double]? {
        switch values {
        case .number(let v): v
        case .string: nil
        case .bool(let v): v.map { $0 < 0 ? .nan : Double($0) }
        }
    }
}
