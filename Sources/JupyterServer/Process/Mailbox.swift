import Glibc
import Synchronization

/// A queue many threads post to and one thread drains; a pipe makes posts visible to
/// `zmq_poll`, so the owner of a socket can wait for its socket and its mail at once.
final class Mailbox<Item: Sendable>: Sendable {
    private let items = Mutex<[Item]>([])
    let readFD: Int32
    private let writeFD: Int32

    init() {
        guard let fds = makePipe(nonblockingRead: true, nonblockingWrite: true) else {
            // Without a pipe there is no kernel; say why rather than limp along.
            fatalError("cannot create a pipe: errno \(errno)")
        }
        readFD = fds.read
        writeFD = fds.write
    }

    func post(_ item: Item) {
        items.withLock { $0.append(item) }
        var byte: UInt8 = 1
        // A full pipe already holds a wake-up; dropping this byte loses nothing.
        _ = write(writeFD, &byte, 1)
    }

    /// Everything posted so far, in order.
    func drain() -> [Item] {
        var buffer = [UInt8](repeating: 0, count: 512)
        while read(readFD, &buffer, buffer.count) > 0 {}
        return items.withLock { pending in
            let all = pending
            pending.removeAll(keepingCapacity: true)
            return all
        }
    }
}

/// A close-on-exec pipe; the read end, the write end or both non-blocking as asked.
func makePipe(nonblockingRead: Bool, nonblockingWrite: Bool) -> (read: Int32, write: Int32)? {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return nil }
    for (fd, nonblocking) in [(fds[0], nonblockingRead), (fds[1], nonblockingWrite)] {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        if nonblocking { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }
    return (fds[0], fds[1])
}
