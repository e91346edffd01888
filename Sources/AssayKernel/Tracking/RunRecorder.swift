import AssayLearn
import AssayTracking
import Foundation
import JupyterKernel

/// Automatic logging for one statement: starts, logs to and ends runs, and turns store failures
/// into a warning (once per cell), so tracking never fails the work it records.
///
/// Every method may be called from worker threads (a board logs as each model ends).
struct RunRecorder: Sendable {
    let tracker: RunTracker
    let store: any TrackingStore
    let experiment: Experiment
    let output: (any OutputSink)?
    /// The cell's code, recorded with every run.
    let code: String

    /// Starts a RUNNING run; nil when the store failed (later calls with nil do nothing).
    func start(name: String, model: String?, parent: String? = nil, tags: [String: String] = [:]) -> String? {
        attempt {
            () throws(TrackingError) in
            try store.createRun(NewRun(experimentID: experiment.id, name: name, parentID: parent, model: model, code: code, tags: tags))
        }
    }

    func log(_ data: RunData, to id: String?) {
        guard let id, !data.isEmpty else { return }
        attempt { () throws(TrackingError) in try store.log(data, to: id) }
    }

    /// Ends a run; a failed one gets an `error` tag with the message.
    func end(_ id: String?, status: RunStatus, error message: String? = nil) {
        guard let id else { return }
        attempt { () throws(TrackingError) in
            if let message { try store.log(RunData(tags: [SQLiteStore.errorTag: message]), to: id) }
            try store.finish(id, status: status, endTime: Timestamp.now())
        }
    }

    /// Attaches the model as the JSON `save` writes, on the tracker's background queue: large
    /// models take a while to encode, and the fit need not wait for that.
    func attach(_ model: FittedPipeline, to id: String?) {
        guard let id else { return }
        let (store, tracker) = (self.store, self.tracker)
        tracker.later {
            let data: Data
            do throws(LearnError) { data = try SavedModel.encode(model) } catch {
                tracker.warnLater(TrackingError("the model of run \(id) could not be encoded: \(error.message)"))
                return
            }
            do throws(TrackingError) { try store.setModel(data, of: id) } catch { tracker.warnLater(error) }
        }
    }

    private func attempt<T>(_ work: () throws(TrackingError) -> T) -> T? {
        do throws(TrackingError) { return try work() } catch {
            tracker.warn(error, output: output)
            return nil
        }
    }
}
