import AssayFrame

/// Why an engine could not do data work, in the terms the evaluator turns into diagnostics.
enum EngineError: Error, Sendable {
    /// The data layer refused (a missing column, a bad sample size, an unreadable file).
    case frame(FrameError)
    /// A row expression failed its check or its evaluation; its node id points at the source.
    case rows(RowExpressionError)
    /// Work this engine cannot do, with what to do instead.
    case unsupported(String, help: String?)
    /// A remote engine refused or failed the work: its message and error class.
    case remote(String, errorClass: String?)
    /// A remote engine's server does not answer.
    case unavailable(address: String, detail: String)
    /// The cell was interrupted while the engine worked; the engine cancelled what it had started.
    case cancelled
}
