import AssayLearn
import AssayTracking
import Foundation
import JupyterKernel
import Synchronization

/// The run observer of a statement that is tracked: writes each unit of work as a run when it
/// starts and updates it when it ends, and turns store failures into a warning (once per cell),
/// so tracking never fails the work it records.
///
/// The store opens when the first unit of work begins, once per statement. Every method may be
/// called from worker threads (a board logs as each model ends, a sweep as each trial ends).
final class RunRecorder: RunObserver {
    let tracker: RunTracker
    let output: (any OutputSink)?
    /// The cell's code, recorded with every run.
    let code: String
    /// The statement's token: runs of work stopped by an interrupt end KILLED.
    let cancellation: CancellationToken

    private enum Connection {
        case unopened
        case open(any TrackingStore, Experiment)
        case unavailable
    }

    private let connection = Mutex(Connection.unopened)

    init(tracker: RunTracker, output: (any OutputSink)?, code: String, cancellation: CancellationToken) {
        self.tracker = tracker
        self.output = output
        self.code = code
        self.cancellation = cancellation
    }

    var isRecording: Bool { begin() }

    /// Called as a unit of work begins: shows a failure of earlier background work, and opens
    /// the store on first use. False (after one warning) when the store cannot be opened.
    func begin() -> Bool {
        tracker.reportPendingWarning(output: output)
        switch connection.withLock({ $0 }) {
        case .open: return true
        case .unavailable: return false
        case .unopened: break
        }
        do throws(TrackingError) {
            let (store, experiment) = try tracker.open()
            connection.withLock { $0 = .open(store, experiment) }
            tracker.reportNotes(output: output)
            return true
        } catch {
            tracker.warn(error, output: output)
            connection.withLock { $0 = .unavailable }
            return false
        }
    }

    /// Runs `work` for a run already started: `finish` reports its result, a failure ends the
    /// run FAILED (KILLED when interrupted), and the error goes on to the caller.
    func observe<T>(
        _ runID: String?, failure: (LearnError) -> LearnError = { $0 }, _ work: () throws(LearnError) -> T, finish: (T) -> Void
    ) throws(LearnError) -> T {
        let result: T
        do throws(LearnError) { result = try work() } catch {
            end(runID, failure: failure(error))
            throw error
        }
        finish(result)
        return result
    }

    // MARK: Writes

    /// Starts a RUNNING run; nil when the store failed (later calls with nil do nothing).
    func start(name: String, model: String?, parent: String? = nil, tags: [String: String] = [:]) -> String? {
        guard case .open(let store, let experiment) = connection.withLock({ $0 }) else { return nil }
        return attempt { () throws(TrackingError) in
            try store.createRun(NewRun(experimentID: experiment.id, name: name, parentID: parent, model: model, code: code, tags: tags))
        }
    }

    func log(_ data: RunData, to id: String?) {
        guard let id, !data.isEmpty, let store else { return }
        attempt { () throws(TrackingError) in try store.log(data, to: id) }
    }

    /// Ends a run; a failed one gets an `error` tag with the message.
    func end(_ id: String?, status: RunStatus, error message: String? = nil) {
        guard let id, let store else { return }
        attempt { () throws(TrackingError) in
            if let message { try store.log(RunData(tags: [SQLiteStore.errorTag: message]), to: id) }
            try store.finish(id, status: status, endTime: Timestamp.now())
        }
    }

    /// Attaches the model as the JSON `save` writes, on the tracker's background queue: large
    /// models take a while to encode, and the fit need not wait for that.
    func attach(_ model: FittedPipeline, to id: String?) {
        guard let id, let store else { return }
        let tracker = self.tracker
        tracker.later {
            let data: Data
            do throws(LearnError) { data = try SavedModel.encode(model) } catch {
                tracker.warnLater(TrackingError("the model of run \(id) could not be encoded: \(error.message)"))
                return
            }
            do throws(TrackingError) { try store.setModel(data, of: id) } catch { tracker.warnLater(error) }
        }
    }

    private var store: (any TrackingStore)? {
        guard case .open(let store, _) = connection.withLock({ $0 }) else { return nil }
        return store
    }

    @discardableResult
    private func attempt<T>(_ work: () throws(TrackingError) -> T) -> T? {
        do throws(TrackingError) { return try work() } catch {
            tracker.warn(error, output: output)
            return nil
        }
    }
}
