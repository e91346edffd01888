/// A value drawn for front ends: plain text always, HTML when there is a richer form.
public struct Rendering: Sendable, Equatable {
    public var plain: String
    public var html: String?

    public init(plain: String, html: String? = nil) {
        self.plain = plain
        self.html = html
    }
}
