import CZmq

/// The socket types the kernel uses.
public enum ZMQSocketType: Sendable {
    case router, dealer, pub, sub, xpub, xsub, rep, req, push, pull, pair

    var raw: Int32 {
        switch self {
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .xpub: ZMQ_XPUB
        case .xsub: ZMQ_XSUB
        case .rep: ZMQ_REP
        case .req: ZMQ_REQ
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        case .pair: ZMQ_PAIR
        }
    }
}

/// One libzmq socket. Not thread-safe: exactly one thread uses it at a time, and ownership
/// moves between threads only at thread start (see `startThread`).
public final class ZMQSocket {
    let handle: UnsafeMutableRawPointer
    private var closed = false

    public init(_ context: ZMQContext, type: ZMQSocketType) throws(ZMQError) {
        guard let h = zmq_socket(context.handle, type.raw) else { throw ZMQError.last("zmq_socket") }
        handle = h
    }

    deinit { close() }

    public func close() {
        guard !closed else { return }
        closed = true
        zmq_close(handle)
    }

    // MARK: Options

    /// ROUTER only: a reconnecting peer with the same identity takes over its old connection.
    public static let routerHandover = ZMQ_ROUTER_HANDOVER

    public func setOption(_ option: Int32, _ value: Int32) throws(ZMQError) {
        var v = value
        guard zmq_setsockopt(handle, option, &v, MemoryLayout<Int32>.size) == 0 else {
            throw ZMQError.last("zmq_setsockopt(\(option))")
        }
    }

    public func setOption(_ option: Int32, bytes: [UInt8]) throws(ZMQError) {
        let rc = bytes.withUnsafeBytes { zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }
        guard rc == 0 else { throw ZMQError.last("zmq_setsockopt(\(option))") }
    }

    /// Milliseconds a closing socket keeps unsent messages; 0 drops them at once.
    public func setLinger(_ milliseconds: Int32) throws(ZMQError) { try setOption(ZMQ_LINGER, milliseconds) }

    public func subscribe(_ topic: [UInt8] = []) throws(ZMQError) { try setOption(ZMQ_SUBSCRIBE, bytes: topic) }

    /// XPUB only: pass every subscription message up, also repeated ones, so each new
    /// subscriber can be welcomed.
    public func setXPubVerbose(_ on: Bool) throws(ZMQError) { try setOption(ZMQ_XPUB_VERBOSE, on ? 1 : 0) }

    public var fileDescriptor: Int32 {
        var fd: Int32 = -1
        var size = MemoryLayout<Int32>.size
        zmq_getsockopt(handle, ZMQ_FD, &fd, &size)
        return fd
    }

    // MARK: Endpoints

    /// Binds and returns the endpoint actually bound (a port of 0 or `*` is resolved).
    @discardableResult
    public func bind(_ endpoint: String) throws(ZMQError) -> String {
        guard zmq_bind(handle, endpoint) == 0 else {
            throw ZMQError(code: zmq_errno(), operation: "bind \(endpoint)")
        }
        return lastEndpoint ?? endpoint
    }

    public func connect(_ endpoint: String) throws(ZMQError) {
        guard zmq_connect(handle, endpoint) == 0 else {
            throw ZMQError(code: zmq_errno(), operation: "connect \(endpoint)")
        }
    }

    public var lastEndpoint: String? {
        var buffer = [CChar](repeating: 0, count: 1024)
        var size = buffer.count
        guard zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size) == 0 else { return nil }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: Messages

    /// Sends the frames as one multipart message. Blocks unless `dontWait`.
    public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws(ZMQError) {
        for (index, frame) in frames.enumerated() {
            var flags: Int32 = index < frames.count - 1 ? ZMQ_SNDMORE : 0
            if dontWait { flags |= ZMQ_DONTWAIT }
            while true {
                let rc = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
                if rc >= 0 { break }
                let error = ZMQError.last("zmq_send")
                if error.isInterrupted { continue }
                throw error
            }
        }
    }

    /// Receives one whole multipart message. Blocks unless `dontWait`.
    public func receive(dontWait: Bool = false) throws(ZMQError) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        while true {
            let rc = zmq_msg_recv(&message, handle, dontWait ? ZMQ_DONTWAIT : 0)
            if rc < 0 {
                let error = ZMQError.last("zmq_msg_recv")
                if error.isInterrupted { continue }
                throw error
            }
            let size = zmq_msg_size(&message)
            if size > 0, let data = zmq_msg_data(&message) {
                frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            } else {
                frames.append([])
            }
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }
}
