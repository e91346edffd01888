/// The Shapley weights `s! (d − s − 1)! / d!` for games of `d` players, `s` = 0 ..< d, for every
/// `d` up to a limit, in one flat triangle.
struct ShapleyWeights: Sendable {
    private var weights: [Double]
    let players: Int

    init(players: Int) {
        self.players = max(players, 0)
        var weights: [Double] = []
        weights.reserveCapacity(self.players * (self.players + 1) / 2)
        if self.players > 0 {
            for d in 1...self.players {
                // 1 / (d · C(d − 1, s)), with the binomial built up term by term: the factorials
                // overflow long before the weights lose precision.
                var binomial = 1.0
                for s in 0..<d {
                    weights.append(1 / (Double(d) * binomial))
                    binomial = binomial * Double(d - 1 - s) / Double(s + 1)
                }
            }
        }
        self.weights = weights
    }

    /// Where the `d` weights of a `d`-player game start.
    @inline(__always)
    static func offset(_ d: Int) -> Int { d * (d - 1) / 2 }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) -> R) -> R {
        weights.withUnsafeBufferPointer(body)
    }

    subscript(s: Int, of d: Int) -> Double { weights[Self.offset(d) + s] }
}
