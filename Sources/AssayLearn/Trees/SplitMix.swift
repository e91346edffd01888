/// A small seeded generator (SplitMix64): the same seed gives the same trees on any machine.
struct SplitMix: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one stream (a tree, a round) of a seeded fit, independent of the others
    /// and of the order in which threads reach it.
    init(seed: UInt64, stream: Int) {
        var mixer = SplitMix(seed: seed ^ (UInt64(truncatingIfNeeded: stream) &* 0x9E37_79B9_7F4A_7C15))
        state = mixer.next() ^ 0xD1B5_4A32_D192_ED03
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` distinct features of `total`, ascending.
    mutating func sample(_ count: Int, of total: Int) -> [Int] {
        var all = Array(0..<total)
        if count >= total { return all }
        for i in 0..<count {
            let j = i + Int(next(upperBound: UInt64(total - i)))
            all.swapAt(i, j)
        }
        return all[0..<count].sorted()
    }
}
