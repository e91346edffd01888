/// Where an `http://host:port/base` URI points: the server and a path prefix.
struct HTTPEndpoint: Sendable, Hashable {
    var host: String
    var port: UInt16
    /// Empty, or a path starting with `/` and not ending with one.
    var basePath: String

    /// Reads `http://host[:port][/base]`; https is refused with a clear message.
    init(_ uri: String) throws(TrackingError) {
        let lowered = uri.lowercased()
        if lowered.hasPrefix("https://") {
            throw TrackingError("https is not supported for tracking servers yet: use an http:// address (\(uri))")
        }
        guard lowered.hasPrefix("http://") else {
            throw TrackingError("a tracking server's address starts with http://, found \"\(uri)\"")
        }
        var rest = Substring(uri.dropFirst("http://".count))
        var path = ""
        if let slash = rest.firstIndex(of: "/") {
            path = String(rest[slash...])
            rest = rest[..<slash]
        }
        while path.hasSuffix("/") { path.removeLast() }
        var host = String(rest)
        var port: UInt16 = 80
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

    /// `host:port` as the Host header and messages show it.
    var authority: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }
}
