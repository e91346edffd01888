import CZmq

/// What `poll` waits on: a socket, or a plain file descriptor (a pipe, say).
public enum ZMQPollTarget {
    case socket(ZMQSocket)
    case fileDescriptor(Int32)
}

/// Waits until one of the targets is readable; returns a readiness flag per target.
/// `timeout` is in milliseconds, -1 waits forever. An interrupted wait returns all false.
public func zmqPoll(_ targets: [ZMQPollTarget], timeout: Int) throws(ZMQError) -> [Bool] {
    var items = targets.map { target -> zmq_pollitem_t in
        switch target {
        case .socket(let s): zmq_pollitem_t(socket: s.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        case .fileDescriptor(let fd): zmq_pollitem_t(socket: nil, fd: fd, events: Int16(ZMQ_POLLIN), revents: 0)
        }
    }
    let rc = zmq_poll(&items, Int32(items.count), timeout)
    if rc < 0 {
        let error = ZMQError.last("zmq_poll")
        if error.isInterrupted { return Array(repeating: false, count: items.count) }
        throw error
    }
    return items.map { ($0.revents & Int16(ZMQ_POLLIN)) != 0 }
}

/// Forwards messages from `frontend` to `backend` (and back) until the context ends.
/// With one ROUTER as both ends it echoes every message to its sender: a heartbeat.
public func zmqProxy(_ frontend: ZMQSocket, _ backend: ZMQSocket) -> ZMQError {
    zmq_proxy(frontend.handle, backend.handle, nil)
    return ZMQError.last("zmq_proxy")
}
