// `{"ensemble": {...}, "threads": 2}`; the ensemble checks its own nodes as it is read.
extension FittedTrees: Codable {
    private enum CodingKeys: String, CodingKey { case ensemble, threads }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ensemble, forKey: .ensemble)
        try c.encode(threads, forKey: .threads)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(ensemble: try c.decode(TreeEnsemble.self, forKey: .ensemble), threads: try c.decodeIfPresent(Int.self, forKey: .threads) ?? 1)
    }
}
