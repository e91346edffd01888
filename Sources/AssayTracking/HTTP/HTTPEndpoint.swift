/// Where an `http(s)://host:port/base` URI points: the scheme, the server and a path prefix.
struct HTTPEndpoint: Sendable, Hashable {
    var isSecure: Bool
    var host: String
    var port: UInt16
    /// Empty, or a path starting with `/` and not ending with one.
    var basePath: String

    /// Reads `http[s]://host[:port][/base]`. Credentials written into the address
    /// (`https://user:secret@host`) are refused, so they never reach a message or the notebook.
    init(_ uri: String) throws(TrackingError) {
        let lowered = uri.lowercased()
        let scheme: String
        if lowered.hasPrefix("https://") {
            scheme = "https://"
        } else if lowered.hasPrefix("http://") {
            scheme = "http://"
        } else {
            throw TrackingError("a tracking server's address starts with http:// or https://, found \"\(uri)\"")
        }
        isSecure = scheme == "https://"
        var rest = Substring(uri.dropFirst(scheme.count))
        var path = ""
        if let slash = rest.firstIndex(of: "/") {
            path = String(rest[slash...])
            rest = rest[..<slash]
        }
        guard !rest.contains("@") else {
            throw TrackingError(
                "a tracking server's address cannot hold credentials; set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN")
        }
        while path.hasSuffix("/") { path.removeLast() }
        var host = String(rest)
        var port: UInt16 = isSecure ? 443 : 80
        if host.hasPrefix("[") {
            // [::1]:5000
            guard let close = host.firstIndex(of: "]") else { throw TrackingError("malformed address \"\(uri)\"") }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = UInt16(after.dropFirst()) else { throw TrackingError("malformed port in \"\(uri)\"") }
                port = p
            }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            guard let p = UInt16(host[host.index(after: colon)...]) else { throw TrackingError("malformed port in \"\(uri)\"") }
            port = p
            host = String(host[..<colon])
        }
        guard !host.isEmpty else { throw TrackingError("no host in \"\(uri)\"") }
        self.host = host
        self.port = port
        self.basePath = path
    }

    /// `host:port` as messages show it (the port only when it is not the scheme's own).
    var authority: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (isSecure ? 443 : 80) ? name : "\(name):\(port)"
    }

    /// The server's address with its scheme, as messages show it.
    var origin: String { (isSecure ? "https://" : "http://") + authority }

    /// The full URL of `path` (which may hold a query) under the base path.
    func url(_ path: String) -> String { origin + basePath + path }
}
