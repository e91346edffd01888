/// A problem found in user code: what went wrong, where, and how to fix it when we know.
public struct Diagnostic: Error, Sendable, Equatable {
    /// The error's family, named as the protocol reports it.
    public enum Kind: String, Sendable, CaseIterable {
        case syntax = "SyntaxError"
        case name = "NameError"
        case type = "TypeError"
        case value = "ValueError"
        case interrupted = "Interrupted"
    }

    public var kind: Kind
    /// Lower case, names in backticks.
    public var message: String
    public var span: SourceSpan?
    public var notes: [String]
    public var help: String?
    /// The catalogue's name for the reason; nil for a diagnostic built from free text.
    public var code: Reason.Code?

    /// A diagnostic whose text the catalogue makes from its reason.
    public init(_ reason: Reason, at span: SourceSpan?) {
        let wording = reason.wording
        self.init(wording.kind, wording.message, at: span, notes: wording.notes, help: wording.help)
        code = wording.code
    }

    /// Free text: only the catalogue itself and tests build diagnostics this way, so every error
    /// the language raises has a reason, a code and a line in `help errors`.
    init(_ kind: Kind, _ message: String, at span: SourceSpan?, notes: [String] = [], help: String? = nil) {
        self.kind = kind
        self.message = message
        self.span = span
        self.notes = notes
        self.help = help
    }

    /// Cancellation by the user; the span is the statement that was running.
    public static func interrupted(at span: SourceSpan?) -> Diagnostic {
        Diagnostic(.interrupted, at: span)
    }
}
