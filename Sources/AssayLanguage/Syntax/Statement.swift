/// One statement of a cell: a binding, an expression to display, or a command.
public struct Statement: Sendable {
    public enum Kind: Sendable {
        /// `name = expr`, or `a, b = expr` to destructure a list.
        case bind(targets: [Identifier], value: Expression)
        /// A value to display.
        case expression(Expression)
        case command(CommandStatement)
        /// `?TOPIC`: help through the pager; no topic means the overview.
        case pagedHelp(topic: Identifier?)
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}
