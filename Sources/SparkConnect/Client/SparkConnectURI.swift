import Foundation

/// A Spark Connect connection string: `sc://host[:port]/;token=...;user_id=...;use_ssl=true`.
///
/// The parameters are Spark's own (`token`, `user_id`, `use_ssl`, `session_id`,
/// `user_agent`); others are rejected so a typo does not pass silently. The token never
/// appears in `description` or in an error.
public struct SparkConnectURI: Sendable, Hashable, CustomStringConvertible {
    public static let defaultPort = 15002
    static let knownParameters: Set<String> = ["token", "user_id", "use_ssl", "session_id", "user_agent"]

    public var host: String
    public var port: Int
    public var token: String?
    public var userID: String?
    /// TLS was asked for with `use_ssl=true`.
    public var useSSL: Bool
    public var sessionID: String?
    public var userAgent: String?

    public init(
        host: String, port: Int = SparkConnectURI.defaultPort, token: String? = nil, userID: String? = nil,
        useSSL: Bool = false, sessionID: String? = nil, userAgent: String? = nil
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.userID = userID
        self.useSSL = useSSL
        self.sessionID = sessionID
        self.userAgent = userAgent
    }

    public init(_ text: String) throws(SparkConnectError) {
        func invalid(_ reason: String) -> SparkConnectError {
            .invalidURI(Self.redacted(reason), uri: Self.redacted(text))
        }
        guard text.hasPrefix("sc://") else {
            throw invalid("a Spark Connect URI starts with `sc://`")
        }
        let rest = text.dropFirst("sc://".count)
        let parts = rest.split(separator: ";", omittingEmptySubsequences: false)
        var authority = Substring(parts[0])
        if authority.hasSuffix("/") { authority = authority.dropLast() }
        guard !authority.isEmpty else { throw invalid("the host is missing") }
        guard !authority.contains("/") else {
            throw invalid("parameters follow `/;` (as in `sc://host:15002/;user_id=ada`), not a path")
        }
        let (host, port) = try Self.splitAuthority(authority, invalid: invalid)
        self.init(host: host, port: port)

        var seen: Set<String> = []
        for part in parts.dropFirst() where !part.isEmpty {
            guard let equals = part.firstIndex(of: "=") else {
                throw invalid("the parameter `\(part)` has no value (write `name=value`)")
            }
            let name = String(part[..<equals])
            let raw = String(part[part.index(after: equals)...])
            guard Self.knownParameters.contains(name) else {
                let known = Self.knownParameters.sorted().joined(separator: ", ")
                throw invalid("unknown parameter `\(name)` (known: \(known))")
            }
            guard seen.insert(name).inserted else { throw invalid("the parameter `\(name)` is given twice") }
            let value = raw.removingPercentEncoding ?? raw
            switch name {
            case "token": token = value
            case "user_id": userID = value
            case "session_id":
                guard UUID(uuidString: value) != nil else {
                    throw invalid("`session_id` must be a UUID, like 01234567-89ab-cdef-0123-456789abcdef")
                }
                sessionID = value.lowercased()
            case "user_agent": userAgent = value
            default:
                switch value.lowercased() {
                case "true": useSSL = true
                case "false": useSSL = false
                default: throw invalid("`use_ssl` is `true` or `false`, not `\(value)`")
                }
            }
        }
    }

    /// TLS is used when asked for, and whenever a token is sent to a host other than this
    /// machine (as Spark's own clients do): a bearer token never crosses a network in clear.
    public var usesTLS: Bool {
        useSSL || (token != nil && !isLoopback)
    }

    var isLoopback: Bool {
        ["localhost", "127.0.0.1", "::1"].contains(host.lowercased())
    }

    /// The URI with the token replaced by `***`.
    public var description: String {
        var text = "sc://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        var parameters: [String] = []
        if token != nil { parameters.append("token=***") }
        if let userID { parameters.append("user_id=\(userID)") }
        if useSSL { parameters.append("use_ssl=true") }
        if let sessionID { parameters.append("session_id=\(sessionID)") }
        if let userAgent { parameters.append("user_agent=\(userAgent)") }
        if !parameters.isEmpty { text += "/;" + parameters.joined(separator: ";") }
        return text
    }

    private static func splitAuthority(
        _ authority: Substring, invalid: (String) -> SparkConnectError
    ) throws(SparkConnectError) -> (String, Int) {
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            // An IPv6 address: [::1]:15002
            guard let close = authority.firstIndex(of: "]") else { throw invalid("`[` without `]` in the host") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("unexpected `\(after)` after the host") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { throw invalid("the host is missing") }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || "-._:".contains($0) }) else {
            throw invalid("`\(host)` is not a host name")
        }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw invalid("the port `\(portText)` is not a number from 1 to 65535")
        }
        return (String(host), port)
    }

    /// The text with every `token=` value masked, wherever it is, for error messages.
    static func redacted(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "token=", options: .caseInsensitive) {
            result += rest[..<range.upperBound] + "***"
            rest = rest[range.upperBound...]
            rest = rest[(rest.firstIndex(where: { ";&".contains($0) }) ?? rest.endIndex)...]
        }
        return result + rest
    }
}
