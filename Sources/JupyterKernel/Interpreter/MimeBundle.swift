/// A display value: one representation per MIME type, always including text/plain.
public struct MimeBundle: Sendable, Hashable {
    public var data: [String: JSON]
    public var metadata: [String: JSON]

    /// Every bundle starts from its plain-text form, so every front end can show it.
    public init(plain: String, metadata: [String: JSON] = [:]) {
        self.data = ["text/plain": .string(plain)]
        self.metadata = metadata
    }

    public var plainText: String { data["text/plain"]?.stringValue ?? "" }

    /// Adds a textual representation (text/html, image/svg+xml, text/markdown, ...).
    public func adding(_ mime: String, _ text: String) -> MimeBundle {
        var copy = self
        copy.data[mime] = .string(text)
        return copy
    }

    /// Adds a JSON representation (application/json and friends).
    public func adding(_ mime: String, json: JSON) -> MimeBundle {
        var copy = self
        copy.data[mime] = json
        return copy
    }
}
