/// The messages of row expression errors, in one place so their wording stays consistent.
extension RowExpressionError {
    static func unknownColumn(_ name: String, in dataset: Dataset, nodeID: Int) -> RowExpressionError {
        unknownColumn(name, available: dataset.columnNames, nodeID: nodeID)
    }

    static func unknownColumn(_ name: String, available: [String], nodeID: Int) -> RowExpressionError {
        RowExpressionError(.unknownColumn(name: name, available: available), "unknown column `\(name)`", nodeID: nodeID)
    }

    static func unknownFunction(_ name: String, nodeID: Int) -> RowExpressionError {
        let help: String? =
            Aggregate(rawValue: name) != nil
            ? "`\(name)` aggregates many rows; use it in `group ... aggregate`" : nil
        return RowExpressionError(
            .unknownFunction(name: name, available: RowFunction.names), "unknown function `\(name)`", help: help,
            nodeID: nodeID)
    }

    static func argumentCount(_ function: RowFunction, got: Int, nodeID: Int) -> RowExpressionError {
        RowExpressionError(
            .arguments, "`\(function.rawValue)` takes \(function.arity.text), got \(got)", nodeID: nodeID)
    }

    /// One operand of the wrong type: `log("a")`, `not age`, `"a" - 1`.
    static func operand(_ what: String, needs expected: String, got: RowValueType, nodeID: Int, help: String? = nil)
        -> RowExpressionError
    {
        RowExpressionError(.type, "\(what) needs \(expected), got \(got.withArticle)", help: help, nodeID: nodeID)
    }

    static func comparison(_ op: RowBinaryOperator, _ left: RowValueType, _ right: RowValueType, nodeID: Int)
        -> RowExpressionError
    {
        RowExpressionError(
            .type, "can't compare \(left.withArticle) with \(right.withArticle) using `\(op.rawValue)`",
            help: "compare numbers with numbers and strings with strings", nodeID: nodeID)
    }

    static func comparisonWithNull(_ op: RowBinaryOperator, nodeID: Int) -> RowExpressionError {
        RowExpressionError(
            .type, "`\(op.rawValue) null` is never true: a comparison with a missing value is missing",
            help: op == .notEqual ? "write `is not null`" : "write `is null`", nodeID: nodeID)
    }

    static func mixedTypes(_ what: String, _ a: RowValueType, _ b: RowValueType, nodeID: Int) -> RowExpressionError {
        RowExpressionError(.type, "\(what) mixes \(a.withArticle) and \(b.withArticle)", nodeID: nodeID)
    }

    static func notALiteral(nodeID: Int) -> RowExpressionError {
        RowExpressionError(
            .arguments, "the list after `in` holds literal values only", help: "write numbers, strings, true, false or null",
            nodeID: nodeID)
    }

    /// Evaluation met values the checker should have refused; never expected, but never a trap.
    static func unexpected(nodeID: Int) -> RowExpressionError {
        RowExpressionError(.type, "this expression can't be evaluated on these values", nodeID: nodeID)
    }
}
