/// A name as written in the source: a variable, a member, a function, a keyword argument or a
/// command word.
public struct Identifier: Sendable, Equatable {
    public var name: String
    public var span: SourceSpan

    public init(_ name: String, span: SourceSpan) {
        self.name = name
        self.span = span
    }
}
