/// A small, fast, seedable generator (xoshiro256**, seeded through SplitMix64) with uniform and
/// Gaussian draws. The same seed gives the same numbers on every machine.
struct RandomSource {
    private var s0, s1, s2, s3: UInt64
    private var spare: Double?

    /// A generator for one stream of one seed: streams are independent, so a column's chunk
    /// draws the same numbers whichever thread makes it.
    init(seed: UInt64, stream: UInt64 = 0) {
        var state = seed ^ RandomSource.mix(stream &+ 0x632B_E59B_D9B4_E019)
        s0 = RandomSource.next(&state)
        s1 = RandomSource.next(&state)
        s2 = RandomSource.next(&state)
        s3 = RandomSource.next(&state)
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// SplitMix64's output function.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func next(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix(state)
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1), 53 random bits.
    @inline(__always)
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in 0..<bound.
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bound).multipliedFullWidth(by: next())).high)
    }

    /// Standard normal (Box-Muller, both values used).
    mutating func normal() -> Double {
        if let spare {
            self.spare = nil
            return spare
        }
        let u1 = 1 - uniform()  // (0, 1]: log stays finite
        let u2 = uniform()
        let radius = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spare = radius * sin(angle)
        return radius * cos(angle)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
