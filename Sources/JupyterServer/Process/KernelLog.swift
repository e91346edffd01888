import Foundation
import JupyterKernel
import Synchronization

/// The kernel's own log: lines to the process' original stderr, which the front end's
/// terminal shows; never to a notebook. Set up before output capture takes fd 2 over.
public enum KernelLog {
    private static let fd = Atomic<Int32>(2)

    /// Writes to `descriptor` from now on (a copy of the original stderr).
    static func redirect(to descriptor: Int32) { fd.store(descriptor, ordering: .relaxed) }

    /// Whether routine events (bound ports, interrupts, shutdown) are logged: only with
    /// ASSAY_LOG=info or debug, so a console stays clean. Problems are always logged.
    public static let verbose: Bool = {
        guard let level = getenv("ASSAY_LOG").map({ String(cString: $0) }) else { return false }
        return level == "info" || level == "debug"
    }()

    /// A routine event, written only when `verbose`.
    public static func info(_ line: String) {
        if verbose { write(line) }
    }

    /// A problem: always written.
    public static func write(_ line: String) {
        let text = "[assay \(MessageFactory.timestamp())] \(line)\n"
        var bytes = Array(text.utf8)
        let target = fd.load(ordering: .relaxed)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(target, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }
}
