/// A learning error: what is wrong and, when known, how to fix it. The kernel shows it at the
/// statement that caused it.
public struct LearnError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var help: String?
    /// The index of the pipeline component (stage, then model) that raised it, when known.
    public var component: Int?
    /// The position of the board's pipeline that raised it, when a board fit failed.
    public var boardEntry: Int?

    public init(_ message: String, help: String? = nil, component: Int? = nil) {
        self.message = message
        self.help = help
        self.component = component
    }

    public var description: String { message }

    /// Work stopped by an interrupt.
    public static let cancelled = LearnError("interrupted")
}
