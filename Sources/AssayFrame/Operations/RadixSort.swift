/// Stable least-significant-digit radix sort on 64-bit keys: linear time, and stability comes
/// from the algorithm itself, which `sort` doesn't promise.
enum RadixSort {
    /// A key that orders doubles as `<` does (-0 and +0 equal); NaN (missing) gets the largest
    /// key, so it sorts last. `descending` reverses the order of values but keeps missing last.
    static func key(_ x: Double, descending: Bool = false) -> UInt64 {
        guard !x.isNaN else { return .max }
        let bits = (x == 0 ? 0.0 : x).bitPattern
        let ordered = bits >> 63 == 1 ? ~bits : bits | (1 << 63)
        // ~ordered can't be .max: that would need ordered == 0, the key of a NaN.
        return descending ? ~ordered : ordered
    }

    /// Reorders `order` stably by `keys[order[i]]`.
    static func sort(_ order: inout [Int], by keys: [UInt64]) {
        let n = order.count
        var currentKeys = order.map { $0 < keys.count ? keys[$0] : .max }
        var spareKeys = [UInt64](repeating: 0, count: n)
        var spareOrder = [Int](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 256)
        for shift in stride(from: UInt64(0), to: 64, by: 8) {
            for i in counts.indices { counts[i] = 0 }
            currentKeys.withUnsafeBufferPointer { keys in
                counts.withUnsafeMutableBufferPointer { counts in
                    for key in keys { counts[Int(truncatingIfNeeded: key >> shift) & 0xFF] += 1 }
                }
            }
            if counts.contains(n) { continue }  // one digit for every key: nothing moves
            var offset = 0
            for digit in counts.indices {
                let count = counts[digit]
                counts[digit] = offset
                offset += count
            }
            // Unchecked buffers: every destination is a prefix-sum offset below n by construction.
            currentKeys.withUnsafeBufferPointer { keysIn in
                order.withUnsafeBufferPointer { orderIn in
                    spareKeys.withUnsafeMutableBufferPointer { keysOut in
                        spareOrder.withUnsafeMutableBufferPointer { orderOut in
                            counts.withUnsafeMutableBufferPointer { next in
                                for i in 0..<n {
                                    let key = keysIn[i]
                                    let digit = Int(truncatingIfNeeded: key >> shift) & 0xFF
                                    let destination = next[digit]
                                    keysOut[destination] = key
                                    orderOut[destination] = orderIn[i]
                                    next[digit] = destination + 1
                                }
                            }
                        }
                    }
                }
            }
            swap(&currentKeys, &spareKeys)
            swap(&order, &spareOrder)
        }
    }

    /// The values present (not NaN) in ascending order. Sorts the keys themselves, without
    /// an index array: half the memory traffic of `sort(_:by:)`, and no stability to keep.
    static func sortedPresent(_ values: [Double]) -> [Double] {
        var keys: [UInt64] = []
        keys.reserveCapacity(values.count)
        for x in values where !x.isNaN { keys.append(key(x)) }
        sortKeys(&keys)
        return keys.map(value(ofKey:))
    }

    /// The double a key of `key(_:)` (ascending) came from.
    static func value(ofKey key: UInt64) -> Double {
        let bits = key >> 63 == 1 ? key & ~(1 << 63) : ~key
        return Double(bitPattern: bits)
    }

    /// Sorts keys ascending, one byte per pass, skipping bytes every key shares.
    static func sortKeys(_ keys: inout [UInt64]) {
        let n = keys.count
        guard n > 1 else { return }
        var spare = [UInt64](repeating: 0, count: n)
        // All eight byte histograms in one read of the keys.
        var counts = [Int](repeating: 0, count: 8 * 256)
        keys.withUnsafeBufferPointer { keys in
            counts.withUnsafeMutableBufferPointer { counts in
                for key in keys {
                    for byte in 0..<8 { counts[byte &* 256 &+ Int(truncatingIfNeeded: key >> UInt64(byte &* 8)) & 0xFF] += 1 }
                }
            }
        }
        for byte in 0..<8 {
            let base = byte * 256
            if counts[base..<(base + 256)].contains(n) { continue }  // every key has the same byte here
            var offset = 0
            for digit in 0..<256 {
                let count = counts[base + digit]
                counts[base + digit] = offset
                offset += count
            }
            let shift = UInt64(byte * 8)
            // Unchecked buffers: every destination is a prefix-sum offset below n by construction.
            keys.withUnsafeBufferPointer { input in
                spare.withUnsafeMutableBufferPointer { output in
                    counts.withUnsafeMutableBufferPointer { next in
                        for key in input {
                            let slot = base &+ Int(truncatingIfNeeded: key >> shift) & 0xFF
                            output[next[slot]] = key
                            next[slot] &+= 1
                        }
                    }
                }
            }
            swap(&keys, &spare)
        }
    }
}
