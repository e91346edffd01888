/// `where` and `derive`: row expressions applied to a dataset.
extension Dataset {
    /// The rows where `predicate` is true; false and missing rows are dropped (SQL's WHERE).
    public func filter(_ predicate: RowExpression) throws(RowExpressionError) -> Dataset {
        try predicate.checkCondition(in: schema)
        switch try predicate.values(on: self) {
        case .bools(let keep):
            var rows: [Int] = []
            rows.reserveCapacity(keep.count)
            for (row, value) in keep.enumerated() where value == 1 { rows.append(row) }
            return rows.count == rowCount ? self : take(rows)
        case .bool(let value):
            return value == 1 ? self : take([])
        case .null:
            return take([])
        default:
            throw .unexpected(nodeID: predicate.id)
        }
    }

    /// Adds or replaces columns in order; each definition sees the ones before it, and a
    /// replaced column keeps its position.
    public func derive(_ definitions: [(name: String, expression: RowExpression)]) throws(RowExpressionError) -> Dataset {
        var result = self
        for definition in definitions {
            let column = try definition.expression.evaluate(on: result, name: definition.name)
            var columns = result.columns
            if let position = result.index(of: definition.name) {
                columns[position] = column
            } else {
                columns.append(column)
            }
            result = Dataset(trusted: columns)
        }
        return result
    }
}

extension RowExpression {
    /// Checks that the expression is a `where` condition on the schema: true, false or missing.
    public func checkCondition(in schema: Schema) throws(RowExpressionError) {
        let type = try check(in: schema)
        guard type == .bool || type == .null else {
            throw RowExpressionError(
                .type, "`where` needs a condition, got \(type.withArticle)",
                help: "compare it, for example `x > 0`", nodeID: id)
        }
    }
}
