// `{"classes": [...], "labels": [...]}` or `{"values": [...]}`.
extension Target: Codable {
    private enum CodingKeys: String, CodingKey { case classes, labels, values }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .classes(let labels, let classes):
            try c.encode(classes, forKey: .classes)
            try c.encode(labels, forKey: .labels)
        case .values(let values):
            try c.encode(values, forKey: .values)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let values = try c.decodeIfPresent([Double].self, forKey: .values) {
            self = .values(values)
        } else {
            self = .classes(labels: try c.decode([Int32].self, forKey: .labels), classes: try c.decode([String].self, forKey: .classes))
        }
    }
}
