import AssayFrame

// `{"name": "ratio", "expression": {"node": "binary", "operator": "/", ...}}`.
extension Derivation: Codable {
    private enum CodingKeys: String, CodingKey { case name, expression }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(expression, forKey: .expression)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(String.self, forKey: .name), try c.decode(RowExpression.self, forKey: .expression))
    }
}
