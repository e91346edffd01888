// Saved pipelines hold `derive` stages, so an expression must survive a file. Each node is an
// object naming its kind (`{"node": "binary", "operator": "+", "left": ..., "right": ...}`)
// rather than Swift's synthesized `{"binary": {"_0": ...}}`, so the file reads like the
// expression and does not change when a case's labels do. Ids are kept: they are part of the
// value (equality) even though the source text they pointed into is gone.

extension RowExpression: Codable {
    private enum CodingKeys: String, CodingKey {
        case node, id, name, value, `operator`, operand, left, right, function, arguments, list, negated
    }

    /// The `node` tag of each case.
    private enum Node: String, Codable {
        case column, number, string, bool, null, unary, binary, call
        case isIn = "in"
        case isNull
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        switch self {
        case .column(let name, _):
            try c.encode(Node.column, forKey: .node)
            try c.encode(name, forKey: .name)
        case .number(let value, _):
            try c.encode(Node.number, forKey: .node)
            try c.encode(value, forKey: .value)
        case .string(let value, _):
            try c.encode(Node.string, forKey: .node)
            try c.encode(value, forKey: .value)
        case .bool(let value, _):
            try c.encode(Node.bool, forKey: .node)
            try c.encode(value, forKey: .value)
        case .null:
            try c.encode(Node.null, forKey: .node)
        case .unary(let op, let operand, _):
            try c.encode(Node.unary, forKey: .node)
            try c.encode(op, forKey: .operator)
            try c.encode(operand, forKey: .operand)
        case .binary(let op, let left, let right, _):
            try c.encode(Node.binary, forKey: .node)
            try c.encode(op, forKey: .operator)
            try c.encode(left, forKey: .left)
            try c.encode(right, forKey: .right)
        case .call(let function, let arguments, _):
            try c.encode(Node.call, forKey: .node)
            try c.encode(function, forKey: .function)
            try c.encode(arguments, forKey: .arguments)
        case .isIn(let value, let list, let negated, _):
            try c.encode(Node.isIn, forKey: .node)
            try c.encode(value, forKey: .value)
            try c.encode(list, forKey: .list)
            try c.encode(negated, forKey: .negated)
        case .isNull(let value, let negated, _):
            try c.encode(Node.isNull, forKey: .node)
            try c.encode(value, forKey: .value)
            try c.encode(negated, forKey: .negated)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(Int.self, forKey: .id)
        switch try c.decode(Node.self, forKey: .node) {
        case .column: self = .column(try c.decode(String.self, forKey: .name), id: id)
        case .number: self = .number(try c.decode(Double.self, forKey: .value), id: id)
        case .string: self = .string(try c.decode(String.self, forKey: .value), id: id)
        case .bool: self = .bool(try c.decode(Bool.self, forKey: .value), id: id)
        case .null: self = .null(id: id)
        case .unary:
            self = .unary(try c.decode(RowUnaryOperator.self, forKey: .operator), try c.decode(RowExpression.self, forKey: .operand), id: id)
        case .binary:
            self = .binary(
                try c.decode(RowBinaryOperator.self, forKey: .operator), try c.decode(RowExpression.self, forKey: .left),
                try c.decode(RowExpression.self, forKey: .right), id: id)
        case .call:
            self = .call(try c.decode(String.self, forKey: .function), try c.decode([RowExpression].self, forKey: .arguments), id: id)
        case .isIn:
            self = .isIn(
                try c.decode(RowExpression.self, forKey: .value), try c.decode([RowExpression].self, forKey: .list),
                negated: try c.decode(Bool.self, forKey: .negated), id: id)
        case .isNull:
            self = .isNull(try c.decode(RowExpression.self, forKey: .value), negated: try c.decode(Bool.self, forKey: .negated), id: id)
        }
    }
}

// Operators are saved as their symbols or words (`"+"`, `"and"`), their raw values.
extension RowUnaryOperator: Codable {}

extension RowBinaryOperator: Codable {}
