/// Work on a string column's dictionary instead of its rows: a transformation runs once per
/// distinct string, and rows only move codes.
extension StringColumn {
    /// Applies `transform` to each dictionary entry. Entries that become equal (`lower` of "A"
    /// and "a") are merged, so equal strings keep sharing one code.
    func mappingDictionary(_ transform: (String) -> String) -> StringColumn {
        var index: [String: Int32] = [:]
        var dictionary: [String] = []
        var remap: [Int32] = []
        remap.reserveCapacity(self.dictionary.count)
        for entry in self.dictionary {
            let value = transform(entry)
            if let code = index[value] {
                remap.append(code)
            } else {
                let code = Int32(dictionary.count)
                index[value] = code
                dictionary.append(value)
                remap.append(code)
            }
        }
        return StringColumn(dictionary: dictionary, codes: RowKernel.gather(remap, codes, missing: -1))
    }

    /// The rank of each entry in sorted order; equal strings get equal ranks.
    func dictionaryRanks() -> [Int32] {
        Self.ranks([dictionary]).first ?? []
    }

    /// Ranks of the entries of several dictionaries on one common sorted order, so codes of
    /// different columns compare as integers.
    static func ranks(_ dictionaries: [[String]]) -> [[Int32]] {
        let sorted = Array(Set(dictionaries.joined())).sorted()
        var rank: [String: Int32] = [:]
        rank.reserveCapacity(sorted.count)
        for (position, value) in sorted.enumerated() { rank[value] = Int32(position) }
        return dictionaries.map { dictionary in dictionary.map { rank[$0] ?? 0 } }
    }

    /// The entry of `code`, nil when missing or (defensively) outside the dictionary.
    func entry(_ code: Int32) -> String? {
        code >= 0 && Int(code) < dictionary.count ? dictionary[Int(code)] : nil
    }
}
