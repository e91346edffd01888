import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small HTTP/1.1 client over POSIX sockets, for http:// servers on a trusted network.
///
/// One request per connection (`Connection: close`); request bodies carry a Content-Length;
/// responses may be Content-Length, chunked or delimited by the close. FoundationNetworking is
/// not used because the release build links the Swift runtime statically, and it would pull in
/// libcurl.
struct HTTPClient: Sendable {
    let endpoint: HTTPEndpoint
    /// For connecting, and for each wait on the socket after that.
    var timeout: Double = 30

    init(_ endpoint: HTTPEndpoint) {
        self.endpoint = endpoint
    }

    /// Sends one request; `path` is appended to the endpoint's base path and may hold a query.
    func send(_ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json")
        throws(TrackingError) -> HTTPResponse
    {
        var head = "\(method) \(endpoint.basePath)\(path) HTTP/1.1\r\n"
        head += "Host: \(endpoint.authority)\r\n"
        head += "User-Agent: assay\r\nAccept: application/json\r\nConnection: close\r\n"
        if let body {
            head += "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        var request = Data(head.utf8)
        if let body { request.append(body) }

        let socket = try connect()
        defer { close(socket) }
        try write(request, to: socket)
        return try HTTPClient.parse(try readAll(from: socket), from: endpoint.authority)
    }

    // MARK: Sockets

    private func failure(_ what: String) -> TrackingError {
        TrackingError("cannot reach the tracking server at http://\(endpoint.authority): \(what)")
    }

    private func connect() throws(TrackingError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if os(Linux)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list)
        guard status == 0, let list else {
            throw failure("cannot resolve \(endpoint.host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var cursor: UnsafeMutablePointer<addrinfo>? = list
        while let info = cursor {
            cursor = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else { lastError = String(cString: strerror(errno)); continue }
            if connect(fd, to: info.pointee, error: &lastError) {
                configure(fd)
                return fd
            }
            close(fd)
        }
        throw failure(lastError)
    }

    /// Connects without blocking past the timeout.
    private func connect(_ fd: Int32, to info: addrinfo, error: inout String) -> Bool {
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(fd, F_SETFL, flags) }
        if socketConnect(fd, info.ai_addr, info.ai_addrlen) == 0 { return true }
        guard errno == EINPROGRESS else { error = String(cString: strerror(errno)); return false }
        var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&poller, 1, Int32(timeout * 1000))
        guard ready > 0 else { error = ready == 0 ? "connection timed out" : String(cString: strerror(errno)); return false }
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
        guard code == 0 else { error = String(cString: strerror(code)); return false }
        return true
    }

    private func configure(_ fd: Int32) {
        var wait = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    private func write(_ data: Data, to fd: Int32) throws(TrackingError) {
        #if os(Linux)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            let flags: Int32 = 0
        #endif
        let failed: String? = data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let sent = socketSend(fd, bytes.baseAddress?.advanced(by: offset), bytes.count - offset, flags)
                if sent < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += sent
            }
            return nil
        }
        if let failed { throw failure("sending the request failed: \(failed)") }
    }

    private func readAll(from fd: Int32) throws(TrackingError) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
                // A complete response ends the read even if the server keeps the socket open.
                if HTTPClient.isComplete(data) { return data }
            } else if count == 0 {
                return data
            } else if errno == EINTR {
                continue
            } else {
                let reason = errno == EAGAIN || errno == EWOULDBLOCK ? "no answer within \(Int(timeout)) s" : String(cString: strerror(errno))
                throw failure(reason)
            }
        }
    }

    // MARK: Parsing

    private static let headerEnd = Data("\r\n\r\n".utf8)

    /// Whether `data` already holds a whole response with a known length.
    static func isComplete(_ data: Data) -> Bool {
        guard let end = data.range(of: headerEnd) else { return false }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).lowercased()
        let bodyStart = end.upperBound
        if let length = header("content-length", in: head).flatMap({ Int($0) }) {
            return data.count - bodyStart >= length
        }
        if header("transfer-encoding", in: head)?.contains("chunked") == true {
            return (try? dechunk(data[bodyStart...])) != nil
        }
        return false
    }

    private static func header(_ name: String, in head: String) -> String? {
        for line in head.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].trimmingCharacters(in: .whitespaces) == name {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    static func parse(_ data: Data, from authority: String) throws(TrackingError) -> HTTPResponse {
        guard let end = data.range(of: headerEnd) else {
            throw TrackingError("the tracking server at http://\(authority) sent an incomplete answer")
        }
        let lines = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]) else {
            throw TrackingError("the tracking server at http://\(authority) did not answer in HTTP")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased().trimmingCharacters(in: .whitespaces)] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            do { body = try dechunk(body) } catch {
                throw TrackingError("the tracking server at http://\(authority) sent a malformed chunked body")
            }
        } else if let length = headers["content-length"].flatMap({ Int($0) }), body.count > length {
            body = body.prefix(length)
        }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    private struct MalformedChunks: Error {}

    /// The body of a chunked transfer; throws when it is cut short or malformed.
    static func dechunk(_ data: Data) throws -> Data {
        var out = Data()
        let bytes = [UInt8](data)
        var index = 0
        func line() throws -> String {
            var end = index
            while end + 1 < bytes.count, !(bytes[end] == 13 && bytes[end + 1] == 10) { end += 1 }
            guard end + 1 < bytes.count else { throw MalformedChunks() }
            let text = String(decoding: bytes[index..<end], as: UTF8.self)
            index = end + 2
            return text
        }
        while true {
            let sizeLine = try line()
            let hex = sizeLine.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard let size = Int(hex, radix: 16), size >= 0 else { throw MalformedChunks() }
            if size == 0 {
                // Trailers, up to an empty line.
                while try !line().isEmpty {}
                return out
            }
            guard index + size + 2 <= bytes.count else { throw MalformedChunks() }
            out.append(contentsOf: bytes[index..<(index + size)])
            index += size + 2
        }
    }
}

// The struct's own `connect` and `write` hide the C functions of the same names.
private func socketConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>?, _ length: socklen_t) -> Int32 {
    #if canImport(Glibc)
        Glibc.connect(fd, address, length)
    #else
        Darwin.connect(fd, address, length)
    #endif
}

private func socketSend(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
    #if canImport(Glibc)
        Glibc.send(fd, bytes, count, flags)
    #else
        Darwin.send(fd, bytes, count, flags)
    #endif
}
