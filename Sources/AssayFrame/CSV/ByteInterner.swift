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
    /// Per slot: code + 1 in the low 32 bits (0 for an empty slot), the hash's low 32 bits in
    /// the high ones, so a probe rejects other values without touching their entries, and a
    /// grow rehashes without them. The count of slots is a power of two (at most 2^32).
    private var slots: GrowableBuffer<UInt64>
    private var mask: Int
    /// Where each value's bytes are in the arena: start and length side by side, one cache line.
    private var entries = GrowableBuffer<Entry>()
    /// Where each value first occurs in the file, for the location of a UTF-8 error.
    private(set) var firstOffsets = GrowableBuffer<Int>()
    private var arena = GrowableBuffer<UInt8>(capacity: 1024)

    private struct Entry {
        var start: Int
        var length: Int
    }

    package init() {
        slots = GrowableBuffer(capacity: 64)
        slots.append(repeating: 0, count: 64)
        mask = 63
    }

    package var count: Int { entries.count }

    package func bytes(_ code: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: arena.base + entries[code].start, count: entries[code].length)
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
        let tag = ByteInterner.hash(p, n) & 0xFFFF_FFFF
        var i = Int(truncatingIfNeeded: tag) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { break }
            if slot >> 32 == tag {
                let code = Int(slot & 0xFFFF_FFFF) - 1
                let entry = entries[code]
                if entry.length == n, memcmp(arena.base + entry.start, p, n) == 0 { return Int32(code) }
            }
            i = (i + 1) & mask
        }
        let code = entries.count
        entries.append(Entry(start: arena.count, length: n))
        firstOffsets.append(offset)
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        slots[i] = tag << 32 | UInt64(code + 1)
        if entries.count * 2 > mask + 1 { grow() }
        return Int32(code)
    }

    private mutating func grow() {
        var copy = GrowableBuffer<UInt64>(capacity: mask + 1)
        copy.append(contentsOf: slots.buffer)
        let size = (mask + 1) * 2
        slots.removeAll()
        slots.append(repeating: 0, count: size)
        mask = size - 1
        for slot in copy.buffer where slot != 0 {
            var i = Int(truncatingIfNeeded: slot >> 32) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
        copy.free()
    }

    package func free() {
        slots.free()
        entries.free()
        firstOffsets.free()
        arena.free()
    }
}
