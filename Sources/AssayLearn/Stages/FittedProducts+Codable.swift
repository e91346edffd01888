// `{"stage": "poly", "inputs": ["a", "b"], "terms": [[0, 0], [0, 1], [1, 1]]}`; `stage` is the
// one errors name, `poly` or `interact`.
extension FittedProducts: Codable {
    private enum CodingKeys: String, CodingKey { case stage, inputs, terms }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(stage, forKey: .stage)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(terms, forKey: .terms)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let stage = try c.decode(String.self, forKey: .stage)
        let inputs = try c.decode([String].self, forKey: .inputs)
        let terms = try c.decode([[Int]].self, forKey: .terms)
        // A term indexes `inputs`; one outside would trap when the product is named.
        guard terms.allSatisfy({ !$0.isEmpty && $0.allSatisfy(inputs.indices.contains) }) else {
            throw ModelCoding.damaged("a saved `\(stage)` stage has a product of columns it does not list")
        }
        self.init(inputs: inputs, terms: terms, stage: stage)
    }
}
