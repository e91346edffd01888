/// One page of help: a command, keyword, function, type or guide.
public struct HelpTopic: Sendable {
    public enum Kind: String, Sendable {
        case command, keyword, function, type, guide, stage, model, space, metric
    }

    /// A member read with `.`, as `help TYPE` lists it.
    public struct Member: Sendable {
        public var name: String
        public var type: String
        public var summary: String
    }

    public var name: String
    public var kind: Kind
    /// How it is written: `print EXPR`, `round(x, digits=0)`.
    public var usage: String
    /// One line, for overviews, completion and inspection.
    public var summary: String
    public var details: [String]
    public var examples: [String]
    public var members: [Member]

    public init(
        _ name: String, _ kind: Kind, usage: String, summary: String, details: [String] = [], examples: [String] = [],
        members: [Member] = []
    ) {
        self.name = name
        self.kind = kind
        self.usage = usage
        self.summary = summary
        self.details = details
        self.examples = examples
        self.members = members
    }
}
