// `{"terms": {...}}` with one output.
extension FittedLinearRegression: Codable {
    private enum CodingKeys: String, CodingKey { case terms }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(terms, forKey: .terms)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let terms = try c.decode(LinearTerms.self, forKey: .terms)
        guard terms.outputs.count == 1 else {
            throw ModelCoding.damaged("a saved `linear` model has \(terms.outputs.count) outputs instead of 1")
        }
        self.init(terms: terms)
    }
}
