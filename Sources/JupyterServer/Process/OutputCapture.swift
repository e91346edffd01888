import Glibc
import JupyterKernel
import Synchronization

/// Captures the process' own stdout and stderr at the file-descriptor level (so output of C
/// libraries is caught too) and hands it to `publish` as stream text for the running request.
/// Output while no request runs goes to the original descriptors.
final class OutputCapture: Sendable {
    private struct State: ~Copyable {
        var parent: Message?
        var pending: [[UInt8]] = [[], []]
    }

    private let state = Mutex<State>(State())
    private let readFDs: [Int32]
    /// Copies of the original stdout and stderr.
    let originalFDs: [Int32]
    private let publish: @Sendable (StreamName, String, Message) -> Void

    /// Takes fds 1 and 2 over; nil when the pipes can't be made (output then stays uncaptured).
    init?(publish: @escaping @Sendable (StreamName, String, Message) -> Void) {
        var reads: [Int32] = []
        var originals: [Int32] = []
        for target in [Int32(1), Int32(2)] {
            guard let fds = makePipe(nonblockingRead: true, nonblockingWrite: false) else { return nil }
            let original = dup(target)
            guard original >= 0 else { return nil }
            _ = fcntl(original, F_SETFD, FD_CLOEXEC)
            fflush(nil)
            guard dup2(fds.write, target) >= 0 else { return nil }
            close(fds.write)
            reads.append(fds.read)
            originals.append(original)
        }
        readFDs = reads
        originalFDs = originals
        self.publish = publish
    }

    func setParent(_ parent: Message?) {
        flush()
        state.withLock { $0.parent = parent }
    }

    /// Publishes everything written so far; returns when it is queued.
    func flush() {
        fflush(nil)
        pump()
    }

    /// Reads the pipes until the process exits.
    func startReader() {
        let fds = readFDs
        startThread(named: "assay-output") { [self] in
            var polls = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            while true {
                let rc = poll(&polls, nfds_t(polls.count), -1)
                if rc < 0 && errno != EINTR { return }
                pump()
            }
        }
    }

    private func pump() {
        state.withLock { state in
            var buffer = [UInt8](repeating: 0, count: 65536)
            for (index, fd) in readFDs.enumerated() {
                while true {
                    let n = read(fd, &buffer, buffer.count)
                    if n <= 0 { break }
                    state.pending[index].append(contentsOf: buffer[0..<n])
                }
                guard !state.pending[index].isEmpty else { continue }
                let cut = OutputCapture.completeUTF8Prefix(state.pending[index])
                guard cut > 0 else { continue }
                let chunk = Array(state.pending[index][0..<cut])
                state.pending[index].removeFirst(cut)
                if let parent = state.parent {
                    publish(index == 0 ? .stdout : .stderr, String(decoding: chunk, as: UTF8.self), parent)
                } else {
                    _ = chunk.withUnsafeBytes { write(originalFDs[index], $0.baseAddress, $0.count) }
                }
            }
        }
    }

    /// The length of the longest prefix that doesn't end inside a UTF-8 sequence.
    static func completeUTF8Prefix(_ bytes: [UInt8]) -> Int {
        var start = bytes.count - 1
        var continuation = 0
        while start >= 0, bytes[start] & 0xC0 == 0x80, continuation < 3 {
            start -= 1
            continuation += 1
        }
        guard start >= 0 else { return bytes.count }
        let lead = bytes[start]
        let length = lead < 0x80 ? 1 : lead & 0xE0 == 0xC0 ? 2 : lead & 0xF0 == 0xE0 ? 3 : lead & 0xF8 == 0xF0 ? 4 : 1
        return start + length <= bytes.count ? bytes.count : start
    }
}
