/// A learning error: what is wrong and, when known, how to fix it. The kernel shows it at the
/// statement that caused it.
public struct LearnError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var help: String?

    public init(_ message: String, help: String? = nil) {
        self.message = message
        self.help = help
    }

    public var description: String { message }

    /// Work stopped by an interrupt.
    public static let cancelled = LearnError("interrupted")
}
