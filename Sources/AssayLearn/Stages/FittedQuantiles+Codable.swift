// `{"buckets": [{"column": "bill", "splits": [2.5, 4, 5.5]}]}`.
extension FittedQuantiles: Codable {
    private enum CodingKeys: String, CodingKey { case buckets }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(buckets, forKey: .buckets)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(buckets: try c.decode([Bucket].self, forKey: .buckets))
    }
}
