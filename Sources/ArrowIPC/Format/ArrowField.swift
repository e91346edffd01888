/// One top-level field of an Arrow schema: its name, type and dictionary encoding.
struct ArrowField: Hashable {
    /// A dictionary-encoded field's dictionary id and the integer type of its indices.
    struct Dictionary: Hashable {
        var id: Int64
        var indexBitWidth: Int
        var indexSigned: Bool
    }

    var name: String
    var type: ArrowType
    var dictionary: Dictionary?

    /// A `Field` table of Schema.fbs: name 0, nullable 1, type 2-3, dictionary 4, children 5.
    init(_ table: FlatTable) throws(ArrowError) {
        name = try table.string(0) ?? ""
        let (tag, typeTable) = try table.union(2)
        type = try ArrowType(tag: tag, table: typeTable)
        guard let encoding = try table.table(4) else { dictionary = nil; return }
        var bitWidth = 32
        var signed = true
        if let index = try encoding.table(1) {
            bitWidth = Int(try index.scalar(0, default: Int32(0)))
            signed = try index.bool(1, default: false)
        }
        guard [8, 16, 32, 64].contains(bitWidth) else {
            throw .malformed("column `\(name)` has dictionary indices of \(bitWidth) bits")
        }
        dictionary = Dictionary(id: try encoding.scalar(0, default: Int64(0)), indexBitWidth: bitWidth, indexSigned: signed)
    }

    init(name: String, type: ArrowType, dictionary: Dictionary? = nil) {
        self.name = name
        self.type = type
        self.dictionary = dictionary
    }
}
