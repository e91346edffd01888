import Foundation

/// How a store gets into an MLflow server: credentials and TLS trust, read from the variables
/// MLflow's own client reads, with a session's `track to ... token "..."` taking precedence.
///
/// Secrets never leave this type in text: its descriptions and reflection hide them, and
/// refusals name the variable to set, never its value.
public struct MLflowAccess: Sendable, Hashable {
    public static let tokenVariable = "MLFLOW_TRACKING_TOKEN"
    public static let usernameVariable = "MLFLOW_TRACKING_USERNAME"
    public static let passwordVariable = "MLFLOW_TRACKING_PASSWORD"
    public static let insecureVariable = "MLFLOW_TRACKING_INSECURE_TLS"
    public static let certificateVariable = "MLFLOW_TRACKING_SERVER_CERT_PATH"

    public var token: String?
    public var username: String?
    public var password: String?
    /// Accept any certificate (`MLFLOW_TRACKING_INSECURE_TLS=true`).
    public var skipsVerification = false
    /// A PEM bundle of CAs trusted besides the system's (`MLFLOW_TRACKING_SERVER_CERT_PATH`).
    public var certificatePath: String?

    public init(token: String? = nil, username: String? = nil, password: String? = nil) {
        self.token = token
        self.username = username
        self.password = password
    }

    /// The environment's settings, overridden field by field by the session's.
    public static func from(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, session: MLflowAccess = MLflowAccess()
    ) -> MLflowAccess {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        var access = MLflowAccess(token: value(tokenVariable), username: value(usernameVariable), password: value(passwordVariable))
        access.skipsVerification = value(insecureVariable).map { ["true", "1", "yes"].contains($0.lowercased()) } ?? false
        access.certificatePath = value(certificateVariable)
        if session.token != nil || session.username != nil || session.password != nil {
            // A session that names its credentials does not mix them with the environment's.
            access.token = session.token
            access.username = session.username
            access.password = session.password
        }
        return access
    }

    /// The `Authorization` header: a bearer token before a user and password, as MLflow does.
    var authorization: String? {
        if let token { return "Bearer \(token)" }
        guard let username, let password else { return nil }
        return "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }

    /// What to do about a 401 or 403, naming the variables and never their values.
    func advice(forStatus status: Int) -> String {
        let setBoth = "set \(MLflowAccess.tokenVariable), or \(MLflowAccess.usernameVariable) and \(MLflowAccess.passwordVariable)"
        if status == 403 {
            return "these credentials are not allowed to do this; ask the server's admin, or \(setBoth) for another user"
        }
        if token != nil { return "check \(MLflowAccess.tokenVariable)" }
        if username != nil, password != nil { return "check \(MLflowAccess.usernameVariable) and \(MLflowAccess.passwordVariable)" }
        if username != nil { return "set \(MLflowAccess.passwordVariable) too" }
        return "the server asks for credentials: \(setBoth)"
    }
}

extension MLflowAccess: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var parts: [String] = []
        if token != nil { parts.append("token") }
        if let username { parts.append("user \(username)") }
        if password != nil { parts.append("password") }
        if skipsVerification { parts.append("insecure TLS") }
        if certificatePath != nil { parts.append("extra CA") }
        return "MLflowAccess(\(parts.joined(separator: ", ")))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
