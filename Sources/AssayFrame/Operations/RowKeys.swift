/// Dense integer ids for key values, assigned in order of first appearance, so grouping,
/// distinct, joins and stratification hash small integers instead of values. One encoder serves
/// one key column (of one type), possibly across two datasets (a join's two sides).
struct KeyEncoder {
    /// Whether missing is a key of its own (group, distinct) or matches nothing (join): then -1.
    let missingIsKey: Bool
    private(set) var count: Int32 = 0
    private var numberIDs: [UInt64: Int32] = [:]
    private var stringIDs: [String: Int32] = [:]
    private var missingID: Int32?

    init(missingIsKey: Bool) { self.missingIsKey = missingIsKey }

    mutating func encode(_ column: Column) -> [Int32] {
        switch column.values {
        case .number(let values):
            // +0 and -0 are one key.
            return values.map { $0.isNaN ? missing() : id(bits: $0 == 0 ? 0 : $0.bitPattern) }
        case .bool(let values):
            return values.map { $0 < 0 ? missing() : id(bits: UInt64($0)) }
        case .string(let strings):
            // One hash per distinct code used, not per row; equal strings under different codes
            // (or in another dataset's dictionary) get one id.
            var byCode = [Int32](repeating: -2, count: strings.dictionary.count)
            var ids = [Int32](repeating: -1, count: strings.codes.count)
            for (row, code) in strings.codes.enumerated() {
                guard code >= 0 && Int(code) < byCode.count else { ids[row] = missing(); continue }
                if byCode[Int(code)] == -2 { byCode[Int(code)] = id(string: strings.dictionary[Int(code)]) }
                ids[row] = byCode[Int(code)]
            }
            return ids
        }
    }

    private mutating func missing() -> Int32 {
        guard missingIsKey else { return -1 }
        if let missingID { return missingID }
        missingID = next()
        return count - 1
    }

    private mutating func id(bits: UInt64) -> Int32 {
        if let id = numberIDs[bits] { return id }
        let id = next()
        numberIDs[bits] = id
        return id
    }

    private mutating func id(string: String) -> Int32 {
        if let id = stringIDs[string] { return id }
        let id = next()
        stringIDs[string] = id
        return id
    }

    private mutating func next() -> Int32 {
        count += 1
        return count - 1
    }
}

/// Ids for pairs of ids: how several key columns become one key. -1 in either is -1.
struct PairEncoder {
    private(set) var count: Int32 = 0
    private var ids: [UInt64: Int32] = [:]

    mutating func combine(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var result = [Int32](repeating: -1, count: min(a.count, b.count))
        for row in result.indices where a[row] >= 0 && b[row] >= 0 {
            let key = UInt64(UInt32(a[row])) << 32 | UInt64(UInt32(b[row]))
            if let id = ids[key] {
                result[row] = id
            } else {
                ids[key] = count
                result[row] = count
                count += 1
            }
        }
        return result
    }
}

/// Rows grouped by key: dense group ids in order of first appearance, and each group's rows
/// in their original order (a counting sort).
struct GroupRows {
    let ids: [Int32]
    let count: Int
    private let offsets: [Int]
    private let rows: [Int]

    /// Groups of the rows' values in `columns`, missing being a value; no columns is one group.
    init(_ columns: [Column], rowCount: Int) {
        guard let first = columns.first else {
            self.init(ids: Array(repeating: 0, count: rowCount), count: 1)
            return
        }
        var encoder = KeyEncoder(missingIsKey: true)
        var ids = encoder.encode(first)
        var count = Int(encoder.count)
        for column in columns.dropFirst() {
            var columnEncoder = KeyEncoder(missingIsKey: true)
            var pairs = PairEncoder()
            ids = pairs.combine(ids, columnEncoder.encode(column))
            count = Int(pairs.count)
        }
        self.init(ids: ids, count: count)
    }

    /// `ids` in 0..<count, or -1 for rows that belong to no group.
    init(ids: [Int32], count: Int) {
        var offsets = [Int](repeating: 0, count: count + 1)
        for id in ids where id >= 0 && Int(id) < count { offsets[Int(id) + 1] += 1 }
        for group in 0..<count { offsets[group + 1] += offsets[group] }
        var next = offsets
        var rows = [Int](repeating: 0, count: offsets[count])
        for (row, id) in ids.enumerated() where id >= 0 && Int(id) < count {
            rows[next[Int(id)]] = row
            next[Int(id)] += 1
        }
        self.ids = ids
        self.count = count
        self.offsets = offsets
        self.rows = rows
    }

    func rows(of group: Int) -> ArraySlice<Int> { rows[offsets[group]..<offsets[group + 1]] }
}
