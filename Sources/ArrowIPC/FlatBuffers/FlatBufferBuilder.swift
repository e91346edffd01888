/// A FlatBuffers object to write: the shapes Arrow's Schema and RecordBatch messages use.
indirect enum FlatObject: Sendable {
    /// Fields by slot; nil for a field left out (its default applies).
    case table([FlatField?])
    case string(String)
    /// A vector of inline structs, their bytes laid end to end, aligned to `alignment`.
    case structs([UInt8], count: Int, alignment: Int)
    /// A vector of offsets to tables.
    case tables([FlatObject])
}

/// One field of a `FlatObject.table`.
enum FlatField: Sendable {
    case uint8(UInt8)
    case int16(Int16)
    case int32(Int32)
    case int64(Int64)
    case object(FlatObject)

    /// Its size inline in the table (an object is a 4-byte offset).
    var size: Int {
        switch self {
        case .uint8: 1
        case .int16: 2
        case .int32, .object: 4
        case .int64: 8
        }
    }
}

/// Writes a `FlatObject` tree as a FlatBuffer, front to back: each object is written after
/// the one that refers to it, so every offset points forward as the format requires, and a
/// table's vtable sits just before it.
struct FlatBufferBuilder {
    private(set) var bytes: [UInt8] = []
    /// Offsets written as placeholders, and the object each must point at.
    private var pending: [(at: Int, object: FlatObject)] = []

    /// The buffer of `root`: its first word points at the root table.
    static func build(_ root: FlatObject) -> [UInt8] {
        var builder = FlatBufferBuilder()
        builder.put(UInt32(0))
        builder.pending.append((0, root))
        var next = 0
        while next < builder.pending.count {
            let (at, object) = builder.pending[next]
            next += 1
            let position = builder.write(object)
            builder.set(UInt32(position - at), at: at)
        }
        return builder.bytes
    }

    private mutating func write(_ object: FlatObject) -> Int {
        switch object {
        case .table(let fields):
            let vtableSize = 4 + 2 * fields.count
            pad(to: 2)
            let vtable = bytes.count
            // The table starts 8-aligned so its fields can be aligned relative to it.
            let table = (vtable + vtableSize + 7) & ~7
            var offsets = [Int](repeating: 0, count: fields.count)
            var end = 4
            for slot in fields.indices.sorted(by: { (fields[$0]?.size ?? 0) > (fields[$1]?.size ?? 0) }) {
                guard let field = fields[slot] else { continue }
                end = (end + field.size - 1) / field.size * field.size
                offsets[slot] = end
                end += field.size
            }
            put(UInt16(vtableSize))
            put(UInt16(end))
            for offset in offsets { put(UInt16(offset)) }
            pad(to: 8)
            put(Int32(table - vtable))
            pad(toPosition: table + end)
            for slot in fields.indices {
                let at = table + offsets[slot]
                switch fields[slot] {
                case nil: break
                case .uint8(let value)?: set(value, at: at)
                case .int16(let value)?: set(value, at: at)
                case .int32(let value)?: set(value, at: at)
                case .int64(let value)?: set(value, at: at)
                case .object(let child)?: pending.append((at, child))
                }
            }
            return table
        case .string(let text):
            pad(to: 4)
            let position = bytes.count
            put(UInt32(text.utf8.count))
            bytes.append(contentsOf: text.utf8)
            bytes.append(0)
            return position
        case .structs(let content, let count, let alignment):
            while (bytes.count + 4) % alignment != 0 { bytes.append(0) }
            let position = bytes.count
            put(UInt32(count))
            bytes.append(contentsOf: content)
            return position
        case .tables(let children):
            pad(to: 4)
            let position = bytes.count
            put(UInt32(children.count))
            for child in children {
                pending.append((bytes.count, child))
                put(UInt32(0))
            }
            return position
        }
    }

    private mutating func put<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private mutating func set<T: FixedWidthInteger>(_ value: T, at position: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (index, byte) in raw.enumerated() { bytes[position + index] = byte }
        }
    }

    private mutating func pad(to alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }

    private mutating func pad(toPosition position: Int) {
        while bytes.count < position { bytes.append(0) }
    }
}
