import Foundation
import GRPCCore
import GRPCProtobuf

/// What a failed call's gRPC status says, with Spark's `ErrorInfo` detail when the server
/// attached one (`grpc-status-details-bin`).
struct SparkStatus: Sendable {
    var code: RPCError.Code
    var message: String
    /// The server's exception class and its superclasses; empty when Spark sent no detail.
    var classes: [String] = []
    var errorClass: String?
    var messageParameters: [String: String] = [:]
    var sqlState: String?
    /// The key for FetchErrorDetails, present when the server keeps the full error.
    var errorID: String?
    /// The server marked the failure safe to retry (a RetryInfo detail).
    var retryable = false

    init(_ error: RPCError) {
        code = error.code
        message = error.message
        // An undecodable detail leaves the plain status; it is still the right code and text.
        guard let status = try? error.unpackGoogleRPCStatus() else { return }
        for detail in status.details {
            if detail.retryInfo != nil { retryable = true }
            guard let info = detail.errorInfo else { continue }
            classes = Self.decode([String].self, info.metadata["classes"]) ?? [info.reason]
            errorClass = info.metadata["errorClass"]
            messageParameters = Self.decode([String: String].self, info.metadata["messageParameters"]) ?? [:]
            sqlState = info.metadata["sqlState"]
            errorID = info.metadata["errorId"]
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ json: String?) -> T? {
        guard let json else { return nil }
        return try? JSONDecoder().decode(type, from: Data(json.utf8))
    }

    /// A dropped stream or a server-side cursor lost with its connection: reattaching
    /// resumes it.
    var isTransient: Bool {
        retryable || code == .unavailable
            || (code == .internalError && message.contains("INVALID_CURSOR.DISCONNECTED"))
    }
}

extension SparkConnectError {
    init(_ status: SparkStatus, server: String) {
        let kind: Kind
        switch status.code {
        case .cancelled: kind = .cancelled
        case .unavailable: kind = .unavailable
        case .unauthenticated, .permissionDenied: kind = .unauthenticated
        case .unimplemented: kind = .protocol
        default:
            if status.errorClass == "OPERATION_CANCELED" {
                kind = .cancelled
            } else if status.classes.contains("org.apache.spark.sql.AnalysisException") {
                kind = .analysis
            } else {
                kind = .execution
            }
        }
        var message = status.message
        if status.classes.isEmpty {
            switch kind {
            case .unavailable: message = "cannot reach the Spark Connect server at \(server): \(status.message)"
            case .unauthenticated: message = "the Spark Connect server at \(server) refused the credentials: \(status.message)"
            default: break
            }
        }
        self.init(
            kind: kind, message: message, errorClass: status.errorClass,
            messageParameters: status.messageParameters, sqlState: status.sqlState,
            exceptionClasses: status.classes, grpcCode: "\(status.code)")
    }

    /// Takes the root error of a FetchErrorDetails answer: its full message (the status
    /// message may be abbreviated), error class, parameters and SQL state.
    mutating func enrich(with details: Spark_Connect_FetchErrorDetailsResponse) {
        let index = details.hasRootErrorIdx ? Int(details.rootErrorIdx) : 0
        guard details.errors.indices.contains(index) else { return }
        let root = details.errors[index]
        if !root.message.isEmpty { message = root.message }
        if !root.errorTypeHierarchy.isEmpty { exceptionClasses = root.errorTypeHierarchy }
        guard root.hasSparkThrowable else { return }
        let throwable = root.sparkThrowable
        if throwable.hasErrorClass { errorClass = throwable.errorClass }
        if !throwable.messageParameters.isEmpty { messageParameters = throwable.messageParameters }
        if throwable.hasSqlState { sqlState = throwable.sqlState }
    }
}
