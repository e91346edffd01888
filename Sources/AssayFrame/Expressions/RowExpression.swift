/// A row expression, evaluated column-at-a-time over a dataset: `age > 30 and sex == "female"`,
/// `log(fare + 1)`. Every node carries an `id` that the caller chose, so an error can point
/// back at the source text the node came from.
public indirect enum RowExpression: Sendable, Hashable {
    case column(String, id: Int)
    case number(Double, id: Int)
    case string(String, id: Int)
    case bool(Bool, id: Int)
    case null(id: Int)
    case unary(RowUnaryOperator, RowExpression, id: Int)
    case binary(RowBinaryOperator, RowExpression, RowExpression, id: Int)
    /// A function: `log exp sqrt abs round floor ceil min max clip if coalesce lower upper len contains`.
    case call(String, [RowExpression], id: Int)
    /// `x in [a, b]`; the list holds literals.
    case isIn(RowExpression, [RowExpression], negated: Bool, id: Int)
    /// `x is null` / `x is not null`.
    case isNull(RowExpression, negated: Bool, id: Int)

    public var id: Int {
        switch self {
        case .column(_, let id), .number(_, let id), .string(_, let id), .bool(_, let id), .null(let id),
            .unary(_, _, let id), .binary(_, _, _, let id), .call(_, _, let id), .isIn(_, _, _, let id),
            .isNull(_, _, let id):
            id
        }
    }
}

public enum RowUnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case not
}

public enum RowBinaryOperator: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and, or
}

/// Why a row expression can't run on a dataset; `nodeID` is the `id` of the offending node.
public struct RowExpressionError: Error, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A column the dataset lacks; the caller suggests the closest of `available`.
        case unknownColumn(name: String, available: [String])
        case unknownFunction(name: String, available: [String])
        /// Operand types that don't fit (`"a" - 1`, `age == "x"`).
        case type
        /// Wrong number or kind of arguments.
        case arguments
    }

    public var kind: Kind
    public var message: String
    public var help: String?
    public var nodeID: Int

    public init(_ kind: Kind, _ message: String, help: String? = nil, nodeID: Int) {
        self.kind = kind
        self.message = message
        self.help = help
        self.nodeID = nodeID
    }
}
