// `{"columns": ["fare"]}`.
extension FittedLogOnePlus: Codable {
    private enum CodingKeys: String, CodingKey { case columns }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(columns, forKey: .columns)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(columns: try c.decode([String].self, forKey: .columns))
    }
}
