import Foundation

/// Why a Spark Connect call failed: the server's error class and message when Spark said
/// why, the gRPC status otherwise.
public struct SparkConnectError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure, for deciding what to tell the user or whether to retry.
    public enum Kind: Sendable, Hashable {
        /// The server could not be reached, refused the connection, or went away.
        case unavailable
        /// The server refused the credentials (a missing or wrong token).
        case unauthenticated
        /// The plan was rejected before running: an unknown column, table or function, a
        /// type mismatch, a syntax error.
        case analysis
        /// The plan failed while running, or the server failed otherwise.
        case execution
        /// The operation was cancelled by the caller or interrupted on the server.
        case cancelled
        /// The connection string is not a valid Spark Connect URI.
        case invalidURI
        /// The server answered with something this client did not expect.
        case `protocol`
    }

    public var kind: Kind
    /// Spark's text for the error, without the JVM stack trace.
    public var message: String
    /// Spark's error class, such as `UNRESOLVED_COLUMN.WITH_SUGGESTION`.
    public var errorClass: String?
    public var messageParameters: [String: String]
    public var sqlState: String?
    /// The JVM exception classes, most specific first.
    public var exceptionClasses: [String]
    /// The gRPC status code's name, such as `unavailable`, when the error came from gRPC.
    public var grpcCode: String?

    public init(
        kind: Kind, message: String, errorClass: String? = nil, messageParameters: [String: String] = [:],
        sqlState: String? = nil, exceptionClasses: [String] = [], grpcCode: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.errorClass = errorClass
        self.messageParameters = messageParameters
        self.sqlState = sqlState
        self.exceptionClasses = exceptionClasses
        self.grpcCode = grpcCode
    }

    public static let cancelled = SparkConnectError(kind: .cancelled, message: "the operation was cancelled")

    static func invalidURI(_ reason: String, uri: String) -> Self {
        .init(kind: .invalidURI, message: "invalid Spark Connect URI `\(uri)`: \(reason)")
    }

    static func unexpected(_ what: String) -> Self {
        .init(kind: .protocol, message: "unexpected answer from the Spark Connect server: \(what)")
    }

    /// One line: Spark's first line of text (the plan tree after it is left out).
    public var description: String {
        let firstLine = message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? message
        let trimmed = firstLine.trimmingCharacters(in: .whitespaces)
        guard let errorClass, !trimmed.contains("[\(errorClass)]") else { return trimmed }
        return "[\(errorClass)] \(trimmed)"
    }
}
