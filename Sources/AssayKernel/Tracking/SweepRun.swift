import AssayLearn
import Synchronization

/// The runs of one sweep: a parent, and a child per trial created as the trial starts and ended
/// as it ends, from the worker thread that runs it.
final class SweepRun: TrialObserver {
    let parentID: String?
    private let recorder: RunRecorder
    private let tags: [String: String]
    private let children = Mutex<[Int: String]>([:])

    init(recorder: RunRecorder, parentID: String?, tags: [String: String]) {
        self.recorder = recorder
        self.parentID = parentID
        self.tags = tags
    }

    /// Each trial's run, by trial index.
    var trialRuns: [Int: String] { children.withLock { $0 } }

    func trial(_ index: Int, pipeline: Pipeline, assignment: Assignment, _ work: () throws(LearnError) -> MetricScore)
        throws(LearnError) -> MetricScore
    {
        let runID = recorder.startTrial(index, pipeline: pipeline, assignment: assignment, parent: parentID, tags: tags)
        if let runID { children.withLock { $0[index] = runID } }
        // A trial stopped by an interrupt fails with whatever its work was doing; its run is KILLED.
        let cancellation = recorder.cancellation
        return try recorder.observe(runID, failure: { cancellation.isCancelled ? .cancelled : $0 }, work) { score in
            recorder.finishTrial(score, runID: runID)
        }
    }
}
