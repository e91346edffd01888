/// The values one parameter may take: a fixed value, a numeric distribution or a choice of
/// options. The factories check their arguments, so a domain that exists is valid; the kernel
/// calls them where it evaluates `uniform(...)` and friends and attaches the call's span to the
/// error.
public struct SearchDomain: Sendable, Hashable, CustomStringConvertible {
    /// What a domain is; bounds are as the user wrote them (log-uniform bounds are not logs).
    public enum Kind: Sendable, Hashable {
        case fixed(ParameterValue)
        case uniform(low: Double, high: Double)
        case logUniform(low: Double, high: Double)
        /// Integers from `low` to `high`, both included.
        case integer(low: Int, high: Int)
        /// Reals between the bounds rounded to multiples of `step`.
        case quantized(low: Double, high: Double, step: Double)
        case normal(mean: Double, deviation: Double)
        case choice([ChoiceOption])
    }

    public let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// A value that is not searched.
    public static func fixed(_ value: ParameterValue) -> SearchDomain { SearchDomain(.fixed(value)) }

    public static func uniform(_ low: Double, _ high: Double) throws(LearnError) -> SearchDomain {
        try checkRange("uniform", low, high, call: "uniform(\(format(low)), \(format(high)))")
        return SearchDomain(.uniform(low: low, high: high))
    }

    public static func logUniform(_ low: Double, _ high: Double) throws(LearnError) -> SearchDomain {
        let call = "loguniform(\(format(low)), \(format(high)))"
        guard low.isFinite, high.isFinite else { throw LearnError("\(call) needs finite bounds") }
        guard low > 0, high > 0 else {
            throw LearnError(
                "\(call) needs bounds above 0",
                help: "its bounds are plain values, not logs: for example `loguniform(0.001, 10)`")
        }
        try checkRange("loguniform", low, high, call: call)
        return SearchDomain(.logUniform(low: low, high: high))
    }

    public static func integer(_ low: Int, _ high: Int) throws(LearnError) -> SearchDomain {
        guard low <= high else {
            throw LearnError("int(\(low), \(high)) is an empty range", help: "write the low bound first: `int(\(high), \(low))`")
        }
        return SearchDomain(.integer(low: low, high: high))
    }

    public static func quantized(_ low: Double, _ high: Double, _ step: Double) throws(LearnError) -> SearchDomain {
        let call = "quniform(\(format(low)), \(format(high)), \(format(step)))"
        guard step.isFinite, step > 0 else { throw LearnError("\(call) needs a step q above 0") }
        try checkRange("quniform", low, high, call: call)
        guard (low / step).rounded(.up) <= (high / step).rounded(.down) else {
            throw LearnError("\(call) has no multiple of \(format(step)) between its bounds")
        }
        return SearchDomain(.quantized(low: low, high: high, step: step))
    }

    public static func normal(_ mean: Double, _ deviation: Double) throws(LearnError) -> SearchDomain {
        let call = "normal(\(format(mean)), \(format(deviation)))"
        guard mean.isFinite, deviation.isFinite else { throw LearnError("\(call) needs finite arguments") }
        guard deviation > 0 else { throw LearnError("\(call) needs a standard deviation sigma above 0") }
        return SearchDomain(.normal(mean: mean, deviation: deviation))
    }

    public static func choice(_ options: [ChoiceOption]) throws(LearnError) -> SearchDomain {
        guard !options.isEmpty else { throw LearnError("choice() needs at least one option") }
        return SearchDomain(.choice(options))
    }

    /// Whether grid search can enumerate it: fixed values and choices.
    public var isEnumerable: Bool {
        switch kind {
        case .fixed, .choice: true
        case .uniform, .logUniform, .integer, .quantized, .normal: false
        }
    }

    public var description: String {
        switch kind {
        case .fixed(let value): value.description
        case .uniform(let low, let high): "uniform(\(Self.format(low)), \(Self.format(high)))"
        case .logUniform(let low, let high): "loguniform(\(Self.format(low)), \(Self.format(high)))"
        case .integer(let low, let high): "int(\(low), \(high))"
        case .quantized(let low, let high, let step): "quniform(\(Self.format(low)), \(Self.format(high)), \(Self.format(step)))"
        case .normal(let mean, let deviation): "normal(\(Self.format(mean)), \(Self.format(deviation)))"
        case .choice(let options): "choice(\(options.map(\.label).joined(separator: ", ")))"
        }
    }

    private static func checkRange(_ name: String, _ low: Double, _ high: Double, call: String) throws(LearnError) {
        guard low.isFinite, high.isFinite else { throw LearnError("\(call) needs finite bounds") }
        guard low < high else {
            throw LearnError(
                "\(call) is an empty range", help: "the low bound comes first and must be below the high bound")
        }
    }

    /// A number as the user would write it: `3`, `0.05`, `1e-05`.
    static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}
