/// The functions a row expression may call, with their arity; typing lives in the checker.
enum RowFunction: String, CaseIterable, Sendable {
    case log, exp, sqrt, abs, round, floor, ceil, min, max, clip
    case `if`, coalesce, lower, upper, len, contains

    /// Every function name, sorted, for unknown-function errors and did-you-mean.
    static let names: [String] = allCases.map(\.rawValue).sorted()

    /// The accepted argument counts, and how a person reads them.
    var arity: (range: ClosedRange<Int>, text: String) {
        switch self {
        case .log, .exp, .sqrt, .abs, .floor, .ceil, .lower, .upper, .len: (1...1, "1 argument")
        case .round: (1...2, "1 or 2 arguments (`round(x)`, `round(x, digits)`)")
        // Two or more row values, elementwise; aggregates over rows are `group ... aggregate`.
        case .min, .max, .coalesce: (2...Int.max, "at least 2 arguments")
        case .contains: (2...2, "2 arguments (`contains(text, \"part\")`)")
        case .clip: (3...3, "3 arguments (`clip(x, low, high)`)")
        case .if: (3...3, "3 arguments (`if(condition, then, else)`)")
        }
    }
}
