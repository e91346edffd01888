/// Why a store could not do what was asked, in words a notebook can show.
public struct TrackingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    static func unknownRun(_ id: String) -> TrackingError {
        TrackingError("no run with id \"\(id)\"")
    }
}
