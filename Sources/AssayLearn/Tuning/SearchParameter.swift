/// A named parameter of a search space and the values it may take.
public struct SearchParameter: Sendable, Hashable {
    /// The name within its level: a top-level path (`boost.rate`) or, inside a choice option,
    /// the name the option's label prefixes.
    public var name: String
    public var domain: SearchDomain

    public init(_ name: String, _ domain: SearchDomain) {
        self.name = name
        self.domain = domain
    }
}
