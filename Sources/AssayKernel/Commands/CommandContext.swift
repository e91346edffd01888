import AssayLanguage
import AssayRender
import JupyterKernel

/// What a command works with: a draft of the session state, the output, the cancellation token.
///
/// The draft replaces the session's state only when the statement succeeds.
struct CommandContext {
    var state: Session.State
    let output: any OutputSink
    let cancellation: CancellationToken
    /// The session's run store.
    let tracker: RunTracker?
    /// The cell's code, recorded with its runs.
    let code: String
    /// Where relative paths resolve.
    let workingDirectory: String
    /// Protocol payloads (the pager) the cell returns when it finishes.
    var payloads: [JSON] = []
    /// Records the statement's learning work as runs, when there is a store.
    let observer: any RunObserver

    init(
        state: Session.State, output: any OutputSink, cancellation: CancellationToken, tracker: RunTracker?, code: String,
        workingDirectory: String
    ) {
        self.state = state
        self.output = output
        self.cancellation = cancellation
        self.tracker = tracker
        self.code = code
        self.workingDirectory = workingDirectory
        observer = tracker.map { $0.observer(output: output, code: code, cancellation: cancellation) } ?? UntrackedObserver()
    }

    var evaluator: Evaluator {
        Evaluator(
            bindings: state.bindings, cancellation: cancellation, settings: state.settings, output: output, tracker: tracker,
            observer: observer, workingDirectory: workingDirectory, engines: state.engines)
    }

    func evaluate(_ expression: Expression) throws(Diagnostic) -> Value {
        try evaluator.evaluate(expression)
    }

    func display(_ rendering: Rendering) {
        output.display(rendering.bundle)
    }
}
