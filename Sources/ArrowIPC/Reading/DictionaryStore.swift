/// The string dictionaries of one stream by id, as UTF-8 bytes: replaced by a dictionary
/// batch, extended by a delta one. Columns map entries to their own codes once per entry.
struct DictionaryStore {
    /// One dictionary's entries: entry `i` is `bytes[starts[i]..<starts[i + 1]]`, or missing.
    struct Entries {
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        var missing: [Bool] = []
        /// Changes when the dictionary is replaced, so columns know to map it again.
        var generation: Int

        var count: Int { missing.count }
    }

    private(set) var entries: [Int64: Entries] = [:]
    private var generations = 0

    /// Adds a dictionary batch's values (a UTF-8 array with offsets of `offsetBytes`).
    mutating func store(id: Int64, isDelta: Bool, offsetBytes: Int, body: inout BatchBody) throws(ArrowError) {
        let name = "dictionary \(id)"
        let (node, buffers) = try body.field(name, buffers: 3)
        var values: Entries
        if isDelta, let existing = entries[id] {
            values = existing
        } else {
            generations += 1
            values = Entries(generation: generations)
        }
        let validity = try Validity(buffers[0], node: node, name: name)
        let offsets = try StringOffsets(buffers[1], buffers[2], count: node.length, width: offsetBytes, name: name)
        values.bytes.reserveCapacity(values.bytes.count + buffers[2].count)
        for row in 0..<node.length {
            let range = try offsets.range(row)
            values.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffers[2][range]))
            values.starts.append(values.bytes.count)
            values.missing.append(!validity.isValid(row))
        }
        entries[id] = values
    }
}
