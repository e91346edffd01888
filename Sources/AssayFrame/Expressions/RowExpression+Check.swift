/// Type checking: the result type on a dataset's schema, or the first error with the node it is about.
extension RowExpression {
    public func check(in dataset: Dataset) throws(RowExpressionError) -> RowValueType {
        try check(in: dataset.schema)
    }

    /// The same check on the names and types alone, as an engine that holds the rows elsewhere knows them.
    public func check(in schema: Schema) throws(RowExpressionError) -> RowValueType {
        switch self {
        case .column(let name, let id):
            guard let field = schema.field(name) else { throw .unknownColumn(name, available: schema.names, nodeID: id) }
            return RowValueType(field.type)
        case .number: return .number
        case .string: return .string
        case .bool: return .bool
        case .null: return .null
        case .unary(let op, let operand, _):
            let type = try operand.check(in: schema)
            switch op {
            case .negate:
                try operand.require(type, [.number], "`-`", needs: "a number")
                return .number
            case .not:
                try operand.require(type, [.bool], "`not`", needs: "a true/false value")
                return .bool
            }
        case .binary(let op, let left, let right, let id):
            return try Self.checkBinary(op, left, try left.check(in: schema), right, try right.check(in: schema), id)
        case .call(let name, let arguments, let id):
            guard let function = RowFunction(rawValue: name) else { throw .unknownFunction(name, nodeID: id) }
            guard function.arity.range.contains(arguments.count) else {
                throw .argumentCount(function, got: arguments.count, nodeID: id)
            }
            var types: [RowValueType] = []
            for argument in arguments { types.append(try argument.check(in: schema)) }
            return try Self.checkCall(function, arguments, types, id)
        case .isIn(let value, let list, _, _):
            let type = try value.check(in: schema)
            for item in list {
                guard let literal = item.literalType else { throw .notALiteral(nodeID: item.id) }
                if literal != .null && type != .null && literal != type {
                    throw .mixedTypes("`in`", type, literal, nodeID: item.id)
                }
            }
            return .bool
        case .isNull(let value, _, _):
            _ = try value.check(in: schema)
            return .bool
        }
    }

    /// The type of a literal that may stand in an `in` list (`-1` included), nil otherwise.
    var literalType: RowValueType? {
        switch self {
        case .number: .number
        case .string: .string
        case .bool: .bool
        case .null: .null
        case .unary(.negate, .number, _): .number
        default: nil
        }
    }

    /// `null` fits everywhere: a missing value of whatever type is asked for.
    func require(_ type: RowValueType, _ allowed: Set<RowValueType>, _ what: String, needs: String, help: String? = nil)
        throws(RowExpressionError)
    {
        guard type == .null || allowed.contains(type) else {
            throw .operand(what, needs: needs, got: type, nodeID: id, help: help)
        }
    }

    private static func checkBinary(
        _ op: RowBinaryOperator, _ left: RowExpression, _ l: RowValueType, _ right: RowExpression,
        _ r: RowValueType, _ id: Int
    ) throws(RowExpressionError) -> RowValueType {
        switch op {
        case .add where l == .string || r == .string:
            guard l != .number && r != .number && l != .bool && r != .bool else {
                throw RowExpressionError(
                    .type, "`+` can't join \(l.withArticle) and \(r.withArticle)",
                    help: "`+` adds two numbers or joins two strings", nodeID: id)
            }
            return .string
        case .add, .subtract, .multiply, .divide, .remainder, .power:
            try left.require(l, [.number], "`\(op.rawValue)`", needs: "numbers")
            try right.require(r, [.number], "`\(op.rawValue)`", needs: "numbers")
            return .number
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            // `x == null` would be missing on every row (SQL semantics), which is never what was meant.
            if l == .null || r == .null { throw .comparisonWithNull(op, nodeID: id) }
            guard l == r else { throw .comparison(op, l, r, nodeID: id) }
            if l == .bool && op != .equal && op != .notEqual {
                throw RowExpressionError(
                    .type, "`\(op.rawValue)` doesn't order true/false values", help: "compare them with `==` or `!=`",
                    nodeID: id)
            }
            return .bool
        case .and, .or:
            let help = "compare it first, for example `x > 0`"
            try left.require(l, [.bool], "`\(op.rawValue)`", needs: "true/false values", help: help)
            try right.require(r, [.bool], "`\(op.rawValue)`", needs: "true/false values", help: help)
            return .bool
        }
    }

    private static func checkCall(
        _ function: RowFunction, _ arguments: [RowExpression], _ types: [RowValueType], _ id: Int
    ) throws(RowExpressionError) -> RowValueType {
        let what = "`\(function.rawValue)`"
        func requireAll(_ allowed: Set<RowValueType>, needs: String) throws(RowExpressionError) {
            for (argument, type) in zip(arguments, types) { try argument.require(type, allowed, what, needs: needs) }
        }
        /// The common type of values that may stand for one another (`if` branches, `coalesce`).
        func unified(_ values: ArraySlice<RowValueType>) throws(RowExpressionError) -> RowValueType {
            var result = RowValueType.null
            for type in values where type != .null {
                if result == .null { result = type } else if result != type { throw .mixedTypes(what, result, type, nodeID: id) }
            }
            return result
        }
        switch function {
        case .log, .exp, .sqrt, .abs, .floor, .ceil, .round, .min, .max, .clip:
            try requireAll([.number], needs: "numbers")
            return .number
        case .lower, .upper:
            try requireAll([.string], needs: "a string")
            return .string
        case .len:
            try requireAll([.string], needs: "a string")
            return .number
        case .contains:
            try requireAll([.string], needs: "strings")
            return .bool
        case .if:
            try arguments[0].require(types[0], [.bool], "the condition of `if`", needs: "a true/false value",
                help: "compare it first, for example `if(x > 0, a, b)`")
            return try unified(types[1...])
        case .coalesce:
            return try unified(types[...])
        }
    }
}
