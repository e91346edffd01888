import AssayFrame

/// `derive(NAME = EXPR)`: a row expression as a stage (it learns nothing), adding or replacing
/// the column NAME. Saved as `{"name": "ratio", "expression": {"node": "binary", "operator": "/", ...}}`.
public struct Derivation: Stage, FittedStage, Codable {
    public var name: String
    public var expression: RowExpression

    public init(_ name: String, _ expression: RowExpression) {
        self.name = name
        self.expression = expression
    }

    public var kind: String { "derive" }

    public func fit(_ data: Dataset, context: FitContext) throws(LearnError) -> any FittedStage {
        _ = try transform(data)
        return self
    }

    public func transform(_ data: Dataset) throws(LearnError) -> Dataset {
        do {
            return try data.derive([(name, expression)])
        } catch {
            throw LearnError(error.message, help: error.help)
        }
    }

    public var summary: [(String, String)] { [(name, "derived")] }
}
