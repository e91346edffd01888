/// The order of a query's runs: by one field, runs lacking it last.
public struct RunOrder: Sendable, Hashable {
    public var field: RunField
    public var descending: Bool

    public init(_ field: RunField, descending: Bool = false) {
        self.field = field
        self.descending = descending
    }

    /// Newest first, the order without `order by`.
    public static let newestFirst = RunOrder(.start, descending: true)

    /// Sorts runs the way stores do: by the field, missing values last, then newest first.
    /// Params and tags that read as numbers come first, by number, then the rest by text.
    public func sorted(_ runs: [Run]) -> [Run] {
        runs.sorted { a, b in
            if let order = compare(field.value(of: a), field.value(of: b)), order != 0 {
                return order < 0
            }
            if a.startTime != b.startTime { return a.startTime > b.startTime }
            return a.id < b.id
        }
    }

    /// Negative when `x` goes first; nil when both are missing.
    private func compare(_ x: FilterValue?, _ y: FilterValue?) -> Int? {
        guard let x, let y else { return x == nil && y == nil ? nil : (x == nil ? 1 : -1) }
        let sign = descending ? -1 : 1
        switch (x, y) {
        case (.number(let p), .number(let q)):
            return p == q ? 0 : (p < q ? -sign : sign)
        case (.string(let s), .string(let t)):
            if case .param = field, let order = numbers(s, t) { return order == 0 ? text(s, t, sign) : order * sign }
            if case .tag = field, let order = numbers(s, t) { return order == 0 ? text(s, t, sign) : order * sign }
            if case .param = field, let first = numberFirst(s, t) { return first }
            if case .tag = field, let first = numberFirst(s, t) { return first }
            return text(s, t, sign)
        default:
            return text(x.description, y.description, sign)
        }
    }

    private func numbers(_ s: String, _ t: String) -> Int? {
        guard let p = FilterValue.string(s).number, let q = FilterValue.string(t).number else { return nil }
        return p == q ? 0 : (p < q ? -1 : 1)
    }

    /// A number goes before a text, in either direction.
    private func numberFirst(_ s: String, _ t: String) -> Int? {
        let p = FilterValue.string(s).number != nil, q = FilterValue.string(t).number != nil
        return p == q ? nil : (p ? -1 : 1)
    }

    private func text(_ s: String, _ t: String, _ sign: Int) -> Int {
        s == t ? 0 : (s < t ? -sign : sign)
    }
}
