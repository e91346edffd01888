import AssayKernel
import Foundation
import JupyterKernel
import Synchronization
import Testing

/// Remembers everything an interpreter sends, in order.
final class RecordingSink: OutputSink {
    enum Event: Equatable {
        case stream(StreamName, String)
        case display(MimeBundle)
        case update(MimeBundle, String)
        case clear(Bool)
        case result(MimeBundle)
    }

    private let storage = Mutex<[Event]>([])
    /// Called after each display, from the thread that displayed: lets a test act when work
    /// reaches a point (its progress is shown) instead of after a guessed duration.
    private let onDisplay: (@Sendable () -> Void)?

    init(onDisplay: (@Sendable () -> Void)? = nil) {
        self.onDisplay = onDisplay
    }

    var events: [Event] { storage.withLock { $0 } }

    func stream(_ name: StreamName, _ text: String) { storage.withLock { $0.append(.stream(name, text)) } }
    func display(_ bundle: MimeBundle, displayID: String?) {
        storage.withLock { $0.append(.display(bundle)) }
        onDisplay?()
    }
    func updateDisplay(_ bundle: MimeBundle, displayID: String) { storage.withLock { $0.append(.update(bundle, displayID)) } }
    func clearOutput(wait: Bool) { storage.withLock { $0.append(.clear(wait)) } }
    func executeResult(_ bundle: MimeBundle) { storage.withLock { $0.append(.result(bundle)) } }

    /// The text/plain of the cell's result, if it had one.
    var resultText: String? {
        events.compactMap { if case .result(let bundle) = $0 { bundle.plainText } else { nil } }.last
    }

    var stdout: String { streamed(.stdout) }
    var stderr: String { streamed(.stderr) }

    private func streamed(_ name: StreamName) -> String {
        events.compactMap { if case .stream(name, let text) = $0 { text } else { nil } }.joined()
    }
}

/// One interpreter that runs cells in order, numbering them like a notebook. Its runs go to a
/// store of its own in a temporary directory (or to `tracking`), never to the working directory.
final class Notebook {
    let interpreter: AssayInterpreter
    /// The temporary directory of the notebook's run store, removed with the notebook.
    let scratch: URL
    private var count = 0

    init(tracking: String? = nil) {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("assay-notebook-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        interpreter = AssayInterpreter(tracking: tracking ?? scratch.appendingPathComponent("runs.db").path)
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    /// Runs a cell; returns its sink and its outcome's error, if any.
    @discardableResult
    func run(
        _ code: String, cancellation: CancellationToken = CancellationToken(), sink: RecordingSink = RecordingSink()
    ) -> (sink: RecordingSink, error: ExecutionError?, payload: [JSON]) {
        count += 1
        switch interpreter.execute(ExecuteRequest(code: code, executionCount: count), output: sink, cancellation: cancellation) {
        case .ok(let payload): return (sink, nil, payload)
        case .error(let error): return (sink, error, [])
        }
    }

    /// The text/plain result of a cell that must succeed.
    func result(_ code: String) -> String? {
        let (sink, error, _) = run(code)
        #expect(error == nil, "\(error?.plainTraceback.joined(separator: "\n") ?? "")")
        return sink.resultText
    }

    /// The plain traceback of a cell that must fail.
    func failure(_ code: String) -> String {
        let (_, error, _) = run(code)
        #expect(error != nil, "expected `\(code)` to fail")
        return error?.plainTraceback.joined(separator: "\n") ?? ""
    }
}
