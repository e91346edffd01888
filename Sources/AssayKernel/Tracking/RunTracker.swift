import AssayTracking
import Dispatch
import JupyterKernel
import Synchronization

/// The session's link to its run store: where runs go, the current experiment, and whether a
/// store that cannot be written has been reported yet.
///
/// The store opens on first use. A failing store never fails a cell that only logs to it: its
/// first failure in a cell is a warning on stderr, later ones in the same cell are not repeated.
///
/// Models are encoded and stored by a low-priority thread, so a fit returns as soon as its run
/// is FINISHED; reading the store (`runs`, `load run`, ...) and shutting down wait for them.
final class RunTracker: Sendable {
    private struct State {
        var location: TrackingLocation
        var store: (any TrackingStore)?
        var experimentName = Experiment.defaultName
        var experiment: Experiment?
        var warned = false
        /// A failure of background work, shown by the next cell that logs.
        var pendingWarning: TrackingError?
        /// What the store's upkeep could not do (it fails no work), shown by the next report.
        var notes: [String] = []
    }

    private let state: Mutex<State>
    private let background = IdleWorker()

    init(location: TrackingLocation) {
        state = Mutex(State(location: location))
    }

    var location: TrackingLocation { state.withLock { $0.location } }

    var experimentName: String { state.withLock { $0.experimentName } }

    /// The store and the current experiment, opening the store on first use.
    func open() throws(TrackingError) -> (store: any TrackingStore, experiment: Experiment) {
        let (location, known, name, cached) = state.withLock { ($0.location, $0.store, $0.experimentName, $0.experiment) }
        let store: any TrackingStore
        if let known { store = known } else { store = try location.open() }
        let experiment: Experiment
        if let cached { experiment = cached } else { experiment = try store.experiment(named: name) }
        collectNotes(from: store)
        state.withLock { state in
            // Another `track to` or `experiment` may have happened meanwhile; keep theirs.
            if state.location == location, state.store == nil { state.store = store }
            if state.location == location, state.experimentName == name { state.experiment = experiment }
        }
        return (store, experiment)
    }

    /// `track to`: opens the new store, and reaches a server, before switching to it.
    func switchTo(_ location: TrackingLocation) throws(TrackingError) -> Experiment {
        let name = experimentName
        let store = try location.open()
        let experiment = try store.experiment(named: name)
        collectNotes(from: store)
        state.withLock { state in
            state.location = location
            state.store = store
            state.experiment = experiment
            state.warned = false
        }
        return experiment
    }

    /// `experiment "NAME"`: later runs go there; the store creates it if it is new.
    func select(experiment name: String) throws(TrackingError) -> Experiment {
        state.withLock { state in
            state.experimentName = name
            state.experiment = nil
        }
        return try open().experiment
    }

    /// The observer that records the learning work of one statement; the store opens when the
    /// first unit of work begins.
    func observer(output: (any OutputSink)?, code: String, cancellation: CancellationToken) -> RunRecorder {
        RunRecorder(tracker: self, output: output, code: code, cancellation: cancellation)
    }

    /// Shows a failure of background work noted since the last report.
    func reportPendingWarning(output: (any OutputSink)?) {
        if let pending = state.withLock({ state in defer { state.pendingWarning = nil }; return state.pendingWarning }) {
            warn(pending, output: output)
        }
        reportNotes(output: output)
    }

    /// Shows, once each, what the store's upkeep could not do.
    func reportNotes(output: (any OutputSink)?) {
        guard let output else { return }
        let notes = state.withLock { state in defer { state.notes = [] }; return state.notes }
        for note in notes { output.stream(.stderr, "warning: \(note)\n") }
    }

    private func collectNotes(from store: any TrackingStore) {
        let notes = store.takeWarnings().map(\.message)
        if !notes.isEmpty { state.withLock { $0.notes += notes } }
    }

    /// A new cell: its first store failure is reported again.
    func beginCell() {
        state.withLock { $0.warned = false }
    }

    /// Reports a store failure on stderr, once per cell.
    func warn(_ error: TrackingError, output: (any OutputSink)?) {
        let first = state.withLock { state in
            defer { state.warned = true }
            return !state.warned
        }
        guard first, let output else { return }
        output.stream(.stderr, "warning: runs are not being tracked: \(error.message)\n")
    }

    /// Runs `work` after the background work queued before it.
    func later(_ work: @escaping @Sendable () -> Void) {
        background.async(work)
    }

    /// Waits for the background work queued so far.
    func drain() {
        background.drain()
    }

    /// Notes a failure of background work, for the next cell to report.
    func warnLater(_ error: TrackingError) {
        state.withLock { state in
            if !state.warned, state.pendingWarning == nil { state.pendingWarning = error }
        }
    }

    /// Forgets the open store (its file handle closes with the last reference) once the
    /// background work is done.
    func close() {
        drain()
        state.withLock { state in
            state.store = nil
            state.experiment = nil
        }
    }
}
