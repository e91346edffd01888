// `{"dropLast": false, "columns": [{"column": "island", "categories": ["Dream"], "rare": []}]}`.
extension FittedOneHot: Codable {
    private enum CodingKeys: String, CodingKey { case dropLast, columns }

    private struct Encoding: Codable {
        var column: String
        var categories: [String]
        var rare: [String]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dropLast, forKey: .dropLast)
        try c.encode(encodings.map { Encoding(column: $0.column, categories: $0.categories, rare: $0.rare) }, forKey: .columns)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            encodings: try c.decode([Encoding].self, forKey: .columns).map { ($0.column, $0.categories, $0.rare) },
            dropLast: try c.decode(Bool.self, forKey: .dropLast))
    }
}
