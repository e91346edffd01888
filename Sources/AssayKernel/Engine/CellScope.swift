import JupyterKernel
import Synchronization

/// The running cell as remote engines see it: its cancellation token, which their long calls
/// poll so an interrupt cancels work on the cluster, and its output, where they show progress.
///
/// One per session, shared by every engine the session connects; the interpreter sets it at the
/// start of each cell.
final class CellScope: Sendable {
    private struct Current: Sendable {
        var cancellation = CancellationToken()
        var output: (any OutputSink)?
        var progressAfter: Duration = .seconds(1)
    }

    private let current = Mutex(Current())

    func begin(cancellation: CancellationToken, output: (any OutputSink)?, progressAfter: Duration) {
        current.withLock { $0 = Current(cancellation: cancellation, output: output, progressAfter: progressAfter) }
    }

    var cancellation: CancellationToken { current.withLock { $0.cancellation } }
    var output: (any OutputSink)? { current.withLock { $0.output } }
    var progressAfter: Duration { current.withLock { $0.progressAfter } }
}
