// `{"column": "bill", "splits": [2, 5]}`; also each column of a saved `quantiles` stage.
extension Bucket: Codable {
    private enum CodingKeys: String, CodingKey { case column, splits }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(column, forKey: .column)
        try c.encode(splits, forKey: .splits)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(String.self, forKey: .column), splits: try c.decode([Double].self, forKey: .splits))
    }
}
