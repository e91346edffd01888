import CZmq

/// A libzmq context. Thread-safe, as libzmq's contexts are; sockets made from it are not.
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    public init() throws(ZMQError) {
        guard let h = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        handle = h
    }

    /// Makes every blocking call on this context's sockets return `ETERM`, from any thread.
    public func shutdown() {
        zmq_ctx_shutdown(handle)
    }

    /// Waits until every socket is closed, then frees the context.
    public func terminate() {
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }

    /// The libzmq version as "major.minor.patch".
    public static var libraryVersion: String {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}
