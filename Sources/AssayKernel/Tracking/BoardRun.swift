import AssayLearn
import AssayTracking
import Synchronization

/// The runs of one board fit: a parent, and a child per model created as the model starts and
/// ended as it ends, from the worker thread that fits it.
final class BoardRun: Sendable {
    let parentID: String?
    private let recorder: RunRecorder
    private let pipelines: [Pipeline]
    private let tags: [String: String]
    private let children: Mutex<[String?]>

    init(recorder: RunRecorder, pipelines: [Pipeline], parentID: String?, tags: [String: String]) {
        self.recorder = recorder
        self.pipelines = pipelines
        self.parentID = parentID
        self.tags = tags
        children = Mutex([String?](repeating: nil, count: pipelines.count))
    }

    /// Each model's run, in board order.
    var childIDs: [String?] { children.withLock { $0 } }

    var events: BoardEvents {
        BoardEvents(
            started: { [self] index in
                // After an interrupt the remaining models stop at once: no runs for them.
                guard !recorder.cancellation.isCancelled, parentID != nil else { return }
                let id = recorder.startFit(pipelines[index], parent: parentID, tags: tags)
                children.withLock { $0[index] = id }
            },
            finished: { [self] index, result in
                let id = children.withLock { $0[index] }
                switch result {
                case .success(let model): recorder.finishFit(model, runID: id)
                case .failure(let error): recorder.end(id, failure: error)
                }
            })
    }
}
