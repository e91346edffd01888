#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distinct byte strings to dense codes in order of first appearance, with no String built per
/// field: an open-addressing table over bytes copied once into an arena. Strings are made (and
/// their UTF-8 checked) once per distinct value, when the column is assembled. `package` so the
/// Arrow reader interns its strings the same way.
package struct ByteInterner {
    /// code + 1 per slot, 0 for an empty slot; the count of slots is a power of two.
    private var slots: GrowableBuffer<Int32>
    private var mask: Int
    private var hashes = GrowableBuffer<UInt64>()
    private var starts = GrowableBuffer<Int>()
    private var lengths = GrowableBuffer<Int>()
    /// Where each value first occurs in the file, for the location of a UTF-8 error.
    private(set) var firstOffsets = GrowableBuffer<Int>()
    private var arena = GrowableBuffer<UInt8>(capacity: 1024)

    package init() {
        slots = GrowableBuffer(capacity: 64)
        slots.append(repeating: 0, count: 64)
        mask = 63
    }

    package var count: Int { hashes.count }

    package func bytes(_ code: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: arena.base + starts[code], count: lengths[code])
    }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(truncatingIfNeeded: n) &* k
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            h ^= h >> 32
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            while i < n {
                tail = tail << 8 | UInt64(p[i])
                i += 1
            }
            h = (h ^ tail) &* k
            h ^= h >> 29
        }
        return h
    }

    @inline(__always)
    package mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int, offset: Int) -> Int32 {
        let h = ByteInterner.hash(p, n)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { break }
            let code = Int(slot) - 1
            if hashes[code] == h, lengths[code] == n, memcmp(arena.base + starts[code], p, n) == 0 {
                return Int32(code)
            }
            i = (i + 1) & mask
        }
        let code = hashes.count
        hashes.append(h)
        starts.append(arena.count)
        lengths.append(n)
        firstOffsets.append(offset)
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        slots[i] = Int32(code + 1)
        if hashes.count * 2 > mask + 1 { grow() }
        return Int32(code)
    }

    private mutating func grow() {
        let size = (mask + 1) * 2
        slots.removeAll()
        slots.append(repeating: 0, count: size)
        mask = size - 1
        for code in 0..<hashes.count {
            var i = Int(truncatingIfNeeded: hashes[code]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(code + 1)
        }
    }

    package func free() {
        slots.free()
        hashes.free()
        starts.free()
        lengths.free()
        firstOffsets.free()
        arena.free()
    }
}
