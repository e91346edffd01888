/// xoshiro256** seeded through SplitMix64: the same seed gives the same numbers on every
/// platform and Swift version (the standard library's bounded-random algorithms are not
/// promised to stay the same, so bounds and shuffles are done here too).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    /// Uniform in 0..<bound without bias (Lemire's multiply-and-reject); 0 when bound ≤ 1.
    public mutating func index(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// Fisher–Yates on the first `count` positions: afterwards `values[..<count]` is a uniform
    /// sample without replacement in random order.
    public mutating func shuffle<T>(_ values: inout [T], first count: Int? = nil) {
        let n = values.count
        for i in 0..<min(count ?? n, max(n - 1, 0)) {
            values.swapAt(i, i + index(below: n - i))
        }
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
