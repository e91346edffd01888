import Foundation

extension SplitMix {
    /// A uniform draw from [0, 1) with 53 random bits, the same on every platform.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A standard normal draw (Box-Muller; one of the pair is dropped to keep draws independent
    /// of the order they are asked in).
    mutating func normal() -> Double {
        let u = 1 - unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * unit())
    }
}
