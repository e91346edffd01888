// `{"classes": [...], "terms": {...}}`: one output for two classes, one per class for more.
extension FittedLogisticRegression: Codable {
    private enum CodingKeys: String, CodingKey { case classes, terms }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(classes, forKey: .classes)
        try c.encode(terms, forKey: .terms)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let classes = try c.decode([String].self, forKey: .classes)
        let terms = try c.decode(LinearTerms.self, forKey: .terms)
        guard classes.count >= 2, terms.outputs.count == (classes.count == 2 ? 1 : classes.count) else {
            throw ModelCoding.damaged("a saved `logistic` model's \(terms.outputs.count) outputs don't match its \(classes.count) classes")
        }
        self.init(classes: classes, terms: terms)
    }
}
