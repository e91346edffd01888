// `{"columns": [{"column": "island", "categories": ["Dream", "Biscoe"]}]}`; a code is a position.
extension FittedCategoryIndex: Codable {
    private enum CodingKeys: String, CodingKey { case columns }

    private struct Codes: Codable {
        var column: String
        var categories: [String]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(codes.map { Codes(column: $0.column, categories: $0.categories) }, forKey: .columns)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(codes: try c.decode([Codes].self, forKey: .columns).map { ($0.column, $0.categories) })
    }
}
