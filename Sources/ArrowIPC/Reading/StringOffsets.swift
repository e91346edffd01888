/// The offsets and data buffers of a UTF-8 array: row `i` is `data[offsets[i]..<offsets[i + 1]]`,
/// each range checked when it is read.
struct StringOffsets {
    let offsets: UnsafeRawBufferPointer
    let dataCount: Int
    /// 4 (Utf8) or 8 (LargeUtf8).
    let width: Int
    let name: String

    init(_ offsets: UnsafeRawBufferPointer, _ data: UnsafeRawBufferPointer, count: Int, width: Int, name: String) throws(ArrowError) {
        // An empty array may leave out its offsets entirely.
        guard offsets.count / width >= count + 1 || count == 0 else {
            throw .malformed("column `\(name)` has \(offsets.count) bytes of offsets for \(count) rows")
        }
        self.offsets = offsets
        self.dataCount = data.count
        self.width = width
        self.name = name
    }

    @inline(__always)
    func range(_ row: Int) throws(ArrowError) -> Range<Int> {
        let start: Int
        let end: Int
        if width == 4 {
            start = Int(Int32(littleEndian: offsets.loadUnaligned(fromByteOffset: row * 4, as: Int32.self)))
            end = Int(Int32(littleEndian: offsets.loadUnaligned(fromByteOffset: row * 4 + 4, as: Int32.self)))
        } else {
            start = Int(Int64(littleEndian: offsets.loadUnaligned(fromByteOffset: row * 8, as: Int64.self)))
            end = Int(Int64(littleEndian: offsets.loadUnaligned(fromByteOffset: row * 8 + 8, as: Int64.self)))
        }
        guard start >= 0, start <= end, end <= dataCount else {
            throw .malformed("column `\(name)` row \(row) has string offsets \(start)..<\(end) outside its \(dataCount) bytes of data")
        }
        return start..<end
    }
}
