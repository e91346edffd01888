/// A field's validity bitmap (bit `i` set when row `i` has a value), or none when no row is
/// null (Arrow leaves the buffer empty then).
struct Validity {
    let bits: UnsafePointer<UInt8>?

    init(_ buffer: UnsafeRawBufferPointer, node: RecordBatchHeader.Node, name: String) throws(ArrowError) {
        guard node.nullCount > 0 else { bits = nil; return }
        guard buffer.count >= (node.length + 7) / 8, let base = buffer.baseAddress else {
            throw .malformed("column `\(name)` has \(node.nullCount) nulls but a validity bitmap of \(buffer.count) bytes for \(node.length) rows")
        }
        bits = base.assumingMemoryBound(to: UInt8.self)
    }

    @inline(__always)
    func isValid(_ row: Int) -> Bool {
        guard let bits else { return true }
        return bits[row >> 3] & (1 << UInt8(row & 7)) != 0
    }

    /// Sets `values[row]` to `missing` for every null row among the first `count`.
    func markMissing<T>(_ values: UnsafeMutablePointer<T>, count: Int, missing: T) {
        guard let bits else { return }
        for byte in 0..<(count + 7) / 8 where bits[byte] != 0xFF {
            let word = bits[byte]
            for bit in 0..<Swift.min(8, count - byte * 8) where word & (1 << UInt8(bit)) == 0 {
                values[byte * 8 + bit] = missing
            }
        }
    }
}
