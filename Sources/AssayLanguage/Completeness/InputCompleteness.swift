/// Whether a cell can run as typed, as is_complete asks.
public enum InputCompleteness: Sendable, Equatable {
    case complete
    /// More input is needed; `indent` is what the next line should start with.
    case incomplete(indent: String)
    /// No text appended can make it valid (an unmatched `)`, a character the language rejects).
    case invalid

    /// How far continuation lines are indented past the statement's first line.
    static let continuationIndent = 4

    public init(_ code: String) {
        let scan = Lexer.scan(SourceText(code))
        let indent = String(repeating: " ", count: scan.lastStatementIndent + InputCompleteness.continuationIndent)
        if scan.failure != nil {
            // Only an open string can still be closed; a new line inside it must not add spaces to it.
            self = scan.endsInsideString ? .incomplete(indent: "") : .invalid
        } else if !scan.openBrackets.isEmpty {
            self = .incomplete(indent: indent)
        } else if let last = scan.tokens.last(where: { $0.kind != .end && $0.kind != .newline }),
            last.kind.expectsContinuation
        {
            self = .incomplete(indent: indent)
        } else {
            self = .complete
        }
    }
}
