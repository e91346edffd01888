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

    /// The values present (not NaN) in ascending order.
    static func sortedPresent(_ values: [Double]) -> [Double] {
        var order = Array(values.indices)
        sort(&order, by: values.map { key($0) })
        return order.lazy.map { values[$0] }.filter { !$0.isNaN }
    }
}
