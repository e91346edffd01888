/// An expression with the source span it was parsed from.
public struct Expression: Sendable {
    public indirect enum Kind: Sendable {
        case number(Double)
        case string(String)
        case bool(Bool)
        case null
        case list([Expression])
        case name(String)
        case unary(UnaryOperator, operand: Expression)
        case binary(BinaryOperator, lhs: Expression, rhs: Expression, operatorSpan: SourceSpan)
        /// `x is null` or, negated, `x is not null`.
        case isNull(Expression, negated: Bool)
        case member(Expression, Identifier)
        case call(Identifier, arguments: [Argument])
        /// `load ...`: a dataset from a file, a sample or a generator.
        case load(LoadSource)
        /// `input | step`: a data operation (or a pipeline stage) applied to the input.
        case pipe(Expression, PipeStep)
        /// `split DATA 0.8 [stratify COL] [seed S]`, or several fractions.
        case split(Expression, fractions: [Expression], stratify: Identifier?, seed: Expression?)
        /// `fit`, `evaluate` or `predict`.
        case learning(LearningForm)
        /// `runs [where EXPR] [order by FIELD [asc|desc]] [limit N]`
        case runs(RunsQuerySyntax)
        /// `run ID`: one tracked run.
        case run(Expression)
        /// `compare runs ID, ID, ...`
        case compareRuns([Expression])
        /// `collect DATA [limit N]`: a dataset of another engine brought into the kernel.
        case collect(Expression, limit: Expression?)
        /// `upload DATA`: a dataset of the kernel sent to the current engine.
        case upload(Expression)
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// One argument of a call: positional, or `label=value`.
public struct Argument: Sendable {
    public var label: Identifier?
    public var value: Expression

    public init(label: Identifier?, value: Expression) {
        self.label = label
        self.value = value
    }
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case not
}

/// Infix operators, from arithmetic to logic.
public enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"
    case power = "^"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case and
    case or
    case `in`
    case notIn = "not in"

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in, .notIn: true
        default: false
        }
    }
}
