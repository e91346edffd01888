import AssayFrame

// Short builders for row expressions; `id` defaults to 0 where a test doesn't look at it.
func col(_ name: String, id: Int = 0) -> RowExpression { .column(name, id: id) }
func num(_ value: Double, id: Int = 0) -> RowExpression { .number(value, id: id) }
func str(_ value: String, id: Int = 0) -> RowExpression { .string(value, id: id) }
func lit(_ value: Bool, id: Int = 0) -> RowExpression { .bool(value, id: id) }
func null(id: Int = 0) -> RowExpression { .null(id: id) }
func bin(_ op: RowBinaryOperator, _ left: RowExpression, _ right: RowExpression, id: Int = 0) -> RowExpression {
    .binary(op, left, right, id: id)
}
func fn(_ name: String, _ arguments: RowExpression..., id: Int = 0) -> RowExpression { .call(name, arguments, id: id) }

extension Column {
    /// The column's values as cells, so missing reads `.missing` and NaN never spoils `==`.
    var cells: [Cell] { (0..<count).map { self[$0] } }
}

extension Dataset {
    func cells(_ name: String) -> [Cell] { column(name)?.cells ?? [] }
}

/// The cells of `expression` evaluated on `dataset` (a column named "result").
func evaluate(_ expression: RowExpression, on dataset: Dataset) throws -> [Cell] {
    try expression.evaluate(on: dataset, name: "result").cells
}

func numbers(_ values: [Double?]) -> [Cell] { values.map { $0.map(Cell.number) ?? .missing } }
func strings(_ values: [String?]) -> [Cell] { values.map { $0.map(Cell.string) ?? .missing } }
func bools(_ values: [Bool?]) -> [Cell] { values.map { $0.map(Cell.bool) ?? .missing } }

/// The row expression error a call throws, or nil (also nil for any other error).
func rowError(_ body: () throws -> some Any) -> RowExpressionError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? RowExpressionError
    }
}

/// The data error a call throws, or nil (also nil for any other error).
func frameError(_ body: () throws -> some Any) -> FrameError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? FrameError
    }
}
