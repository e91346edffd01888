/// The tags a saved file uses for one family of values (stages or models) and the concrete type
/// each names: an existential is written as `{"type": TAG, ...its own fields}` and read back as
/// the type the tag names, then validated if it is `ValidatedOnLoad`. The concrete types must
/// not use a `type` key of their own.
struct TypeTags: Sendable {
    struct Entry: Sendable {
        var tag: String
        var type: any (Codable & Sendable).Type

        init(_ tag: String, _ type: any (Codable & Sendable).Type) {
            self.tag = tag
            self.type = type
        }
    }

    /// What the values are called in errors: `stage`, `model`.
    var family: String
    var entries: [Entry]

    private enum Key: String, CodingKey { case type }

    func encode(_ value: any Sendable, to encoder: any Encoder) throws {
        let dynamic = ObjectIdentifier(Swift.type(of: value))
        guard let entry = entries.first(where: { ObjectIdentifier($0.type) == dynamic }), let codable = value as? any Encodable else {
            throw LearnError("a \(family) of type `\(Swift.type(of: value))` can't be saved")
        }
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(entry.tag, forKey: .type)
        // The value's own fields go into the same object as the tag.
        try codable.encode(to: encoder)
    }

    func decode(from decoder: any Decoder) throws -> any Sendable {
        let container = try decoder.container(keyedBy: Key.self)
        let tag = try container.decode(String.self, forKey: .type)
        guard let entry = entries.first(where: { $0.tag == tag }) else {
            let place = decoder.codingPath.isEmpty ? "" : " at `\(ModelCoding.path(decoder.codingPath))`"
            throw LearnError(
                "unknown \(family) type `\(tag)`\(place) in the saved file",
                help: "the \(family) types are \(entries.map { "`\($0.tag)`" }.joined(separator: ", "))")
        }
        let value = try entry.type.init(from: decoder)
        try (value as? any ValidatedOnLoad)?.validate()
        return value
    }
}
