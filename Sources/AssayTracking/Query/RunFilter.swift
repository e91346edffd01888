/// A condition on runs, as `runs where ...` writes it.
///
/// Comparisons follow SQL: a run that lacks the field (no such metric, a run still running for
/// `duration`) makes the comparison unknown, and unknown is not a match, even under `not`.
public indirect enum RunFilter: Sendable, Hashable {
    case compare(RunField, ComparisonOperator, FilterValue)
    case oneOf(RunField, [FilterValue], negated: Bool)
    /// `field is null` (the run lacks it), or with `negated`, `field is not null`.
    case missing(RunField, negated: Bool)
    case and(RunFilter, RunFilter)
    case or(RunFilter, RunFilter)
    case not(RunFilter)

    /// Whether `run` matches, with SQL's three-valued logic collapsed at the top.
    public func matches(_ run: Run) -> Bool {
        evaluate(run) == true
    }

    /// True, false, or nil for unknown.
    func evaluate(_ run: Run) -> Bool? {
        switch self {
        case .compare(let field, let op, let constant):
            guard let value = field.value(of: run) else { return nil }
            return RunFilter.order(value, constant, numeric: field.isNumeric).map(op.holds)
        case .oneOf(let field, let constants, let negated):
            guard let value = field.value(of: run) else { return nil }
            let found = constants.contains { RunFilter.order(value, $0, numeric: field.isNumeric) == 0 }
            return found != negated
        case .missing(let field, let negated):
            return (field.value(of: run) == nil) != negated
        case .and(let a, let b):
            let x = a.evaluate(run), y = b.evaluate(run)
            if x == false || y == false { return false }
            return x == true && y == true ? true : nil
        case .or(let a, let b):
            let x = a.evaluate(run), y = b.evaluate(run)
            if x == true || y == true { return true }
            return x == false && y == false ? false : nil
        case .not(let a):
            return a.evaluate(run).map { !$0 }
        }
    }

    /// -1, 0 or 1 comparing a field's value with a constant. A number constant compares as a
    /// number (text that is not a number is unknown); a text constant compares as text.
    static func order(_ value: FilterValue, _ constant: FilterValue, numeric: Bool) -> Int? {
        switch constant {
        case .number(let c):
            guard let v = value.number else { return nil }
            return v < c ? -1 : (v > c ? 1 : 0)
        case .string(let c):
            let v: String
            switch value {
            case .string(let s): v = s
            case .number(let x): v = FilterValue.number(x).description
            }
            return v < c ? -1 : (v > c ? 1 : 0)
        }
    }

    /// The conjuncts of a chain of `and`s.
    public var conjuncts: [RunFilter] {
        if case .and(let a, let b) = self { return a.conjuncts + b.conjuncts }
        return [self]
    }
}
