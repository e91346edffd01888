/// Where in a file a problem is: 1-based line and column.
public struct FileLocation: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// A data error: what is wrong, optionally where in a file and how to fix it.
/// The kernel turns it into a diagnostic at the span of the statement that caused it.
public struct FrameError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var help: String?
    public var location: FileLocation?

    public init(_ message: String, help: String? = nil, location: FileLocation? = nil) {
        self.message = message
        self.help = help
        self.location = location
    }

    public var description: String {
        guard let location else { return message }
        return "\(location.file), line \(location.line), column \(location.column): \(message)"
    }
}
