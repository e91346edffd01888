import Foundation

/// A constant in a run filter: a number or a text.
public enum FilterValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case string(String)

    /// A text that reads as a number compares as that number with numbers.
    public var number: Double? {
        switch self {
        case .number(let x): x
        case .string(let s): Double(s.trimmingCharacters(in: .whitespaces))
        }
    }

    public var description: String {
        switch self {
        case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
        case .string(let s): "'\(s)'"
        }
    }
}
