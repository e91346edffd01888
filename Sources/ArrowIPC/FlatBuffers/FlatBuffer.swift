/// FlatBuffers bytes read with a bounds check on every access: malformed metadata throws, it
/// never reads outside `bytes`. Valid only while the memory behind `bytes` is.
struct FlatBuffer {
    let bytes: UnsafeRawBufferPointer

    var count: Int { bytes.count }

    /// The table the buffer's first word points at.
    func root() throws(ArrowError) -> FlatTable {
        try table(at: offsetTarget(at: 0))
    }

    /// A little-endian integer at `position`.
    @inline(__always)
    func load<T: FixedWidthInteger>(_ type: T.Type, at position: Int) throws(ArrowError) -> T {
        let size = MemoryLayout<T>.size
        guard position >= 0, position <= bytes.count - size else {
            throw .malformed("flatbuffer read of \(size) bytes at \(position) is outside its \(bytes.count) bytes")
        }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: T.self))
    }

    /// Where the unsigned offset stored at `position` points (offsets always point forward).
    func offsetTarget(at position: Int) throws(ArrowError) -> Int {
        let target = position + Int(try load(UInt32.self, at: position))
        guard target < bytes.count else {
            throw .malformed("flatbuffer offset at \(position) points past the end (\(target) of \(bytes.count) bytes)")
        }
        return target
    }

    /// The table at `position`, its vtable checked to lie inside the buffer.
    func table(at position: Int) throws(ArrowError) -> FlatTable {
        let vtable = position - Int(try load(Int32.self, at: position))
        let vtableSize = Int(try load(UInt16.self, at: vtable))
        let inlineSize = Int(try load(UInt16.self, at: vtable + 2))
        guard vtableSize >= 4, vtableSize % 2 == 0, vtable + vtableSize <= bytes.count else {
            throw .malformed("flatbuffer vtable of \(vtableSize) bytes at \(vtable) does not fit")
        }
        guard inlineSize >= 4, position + inlineSize <= bytes.count else {
            throw .malformed("flatbuffer table of \(inlineSize) bytes at \(position) does not fit")
        }
        return FlatTable(buffer: self, position: position, vtable: vtable, vtableSize: vtableSize, inlineSize: inlineSize)
    }

    /// The vector whose length word is at `position`, of `count` elements `stride` bytes each.
    func vector(at position: Int, stride: Int) throws(ArrowError) -> FlatVector {
        let count = Int(try load(UInt32.self, at: position))
        let start = position + 4
        guard count <= (bytes.count - start) / stride else {
            throw .malformed("flatbuffer vector of \(count) elements at \(position) does not fit")
        }
        return FlatVector(buffer: self, start: start, count: count, stride: stride)
    }

    /// The string whose length word is at `position` (invalid UTF-8 is repaired, not refused).
    func string(at position: Int) throws(ArrowError) -> String {
        let vector = try vector(at: position, stride: 1)
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[vector.start..<vector.start + vector.count]), as: UTF8.self)
    }
}

/// One table of a `FlatBuffer`: fields looked up through its vtable by slot number.
struct FlatTable {
    let buffer: FlatBuffer
    let position: Int
    let vtable: Int
    let vtableSize: Int
    let inlineSize: Int

    /// Where field `slot` is, or nil when the table does not have it (its default applies).
    func fieldPosition(_ slot: Int, size: Int) throws(ArrowError) -> Int? {
        let entry = 4 + 2 * slot
        guard entry + 2 <= vtableSize else { return nil }
        let offset = Int(try buffer.load(UInt16.self, at: vtable + entry))
        guard offset != 0 else { return nil }
        guard offset >= 4, offset + size <= inlineSize else {
            throw .malformed("flatbuffer field \(slot) at offset \(offset) is outside its table of \(inlineSize) bytes")
        }
        return position + offset
    }

    func scalar<T: FixedWidthInteger>(_ slot: Int, default value: T) throws(ArrowError) -> T {
        guard let at = try fieldPosition(slot, size: MemoryLayout<T>.size) else { return value }
        return try buffer.load(T.self, at: at)
    }

    func bool(_ slot: Int, default value: Bool) throws(ArrowError) -> Bool {
        try scalar(slot, default: UInt8(value ? 1 : 0)) != 0
    }

    func table(_ slot: Int) throws(ArrowError) -> FlatTable? {
        guard let at = try fieldPosition(slot, size: 4) else { return nil }
        return try buffer.table(at: buffer.offsetTarget(at: at))
    }

    func string(_ slot: Int) throws(ArrowError) -> String? {
        guard let at = try fieldPosition(slot, size: 4) else { return nil }
        return try buffer.string(at: buffer.offsetTarget(at: at))
    }

    /// A vector of inline elements (scalars or structs) `stride` bytes each.
    func vector(_ slot: Int, stride: Int) throws(ArrowError) -> FlatVector? {
        guard let at = try fieldPosition(slot, size: 4) else { return nil }
        return try buffer.vector(at: buffer.offsetTarget(at: at), stride: stride)
    }

    /// A vector of tables (each element an offset to one).
    func tables(_ slot: Int) throws(ArrowError) -> [FlatTable]? {
        guard let vector = try vector(slot, stride: 4) else { return nil }
        var tables: [FlatTable] = []
        tables.reserveCapacity(vector.count)
        for index in 0..<vector.count {
            tables.append(try buffer.table(at: buffer.offsetTarget(at: vector.position(index))))
        }
        return tables
    }

    /// A union's member: its type tag in `slot` and its table in `slot + 1` (tag 0 is none).
    func union(_ slot: Int) throws(ArrowError) -> (type: UInt8, table: FlatTable?) {
        let type = try scalar(slot, default: UInt8(0))
        return (type, type == 0 ? nil : try table(slot + 1))
    }
}

/// A vector of a `FlatBuffer`, its elements known to lie inside the buffer.
struct FlatVector {
    let buffer: FlatBuffer
    let start: Int
    let count: Int
    let stride: Int

    func position(_ index: Int) -> Int { start + index * stride }

    /// A field of element `index` of a vector of structs, `offset` bytes into the struct.
    func load<T: FixedWidthInteger>(_ type: T.Type, element index: Int, offset: Int = 0) throws(ArrowError) -> T {
        try buffer.load(T.self, at: position(index) + offset)
    }
}
