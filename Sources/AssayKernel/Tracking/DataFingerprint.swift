import AssayFrame

/// A short hash of a dataset's columns (names, types and values), so runs trained on the same
/// data can be recognized. Strings hash by value, not by dictionary code, so equal datasets
/// have equal fingerprints however they were built.
enum DataFingerprint {
    static func of(_ data: Dataset) -> String {
        var hash = Mixer()
        hash.add(UInt64(data.rowCount))
        for column in data.columns {
            hash.add(text: column.name)
            switch column.values {
            case .number(let values):
                hash.add(1)
                for v in values {
                    // One NaN for every missing value, and 0 for -0.
                    hash.add(v.isNaN ? Double.nan.bitPattern : (v == 0 ? 0 : v.bitPattern))
                }
            case .string(let strings):
                hash.add(2)
                let entries = strings.dictionary.map { entry -> UInt64 in
                    var one = Mixer()
                    one.add(text: entry)
                    return one.value
                }
                for code in strings.codes { hash.add(code < 0 ? 0x9e37_79b9_7f4a_7c15 : entries[Int(code)]) }
            case .bool(let values):
                hash.add(3)
                for v in values { hash.add(UInt64(bitPattern: Int64(v))) }
            }
        }
        let hex = String(hash.value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A 64-bit multiply-rotate mix, one word at a time.
    private struct Mixer {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ word: UInt64) {
            value = (value ^ (word &* 0x87c3_7b91_1142_53d5)).rotatedLeft(by: 31) &* 0x4cf5_ad43_2745_937f &+ 0x52dc_e729
        }

        mutating func add(text: String) {
            add(UInt64(text.utf8.count))
            for byte in text.utf8 { add(UInt64(byte)) }
        }
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 {
        (self << count) | (self >> (64 - count))
    }
}
