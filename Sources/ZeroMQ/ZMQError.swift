import CZmq

/// A libzmq call failed; `code` is the errno it reported.
public struct ZMQError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var operation: String

    /// The context was terminated: the socket's thread should close it and stop.
    public var isTerminated: Bool { code == ETERM }
    public var isInterrupted: Bool { code == EINTR }
    public var wouldBlock: Bool { code == EAGAIN }

    public var description: String {
        let message = zmq_strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return "\(operation): \(message)"
    }

    static func last(_ operation: String) -> ZMQError {
        ZMQError(code: zmq_errno(), operation: operation)
    }
}
