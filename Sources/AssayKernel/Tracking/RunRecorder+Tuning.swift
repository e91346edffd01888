import AssayLearn
import AssayTracking

// What a `tune` logs: one parent run for the sweep, and a child run per trial with the trial's
// parameters (by path) and its validation score, written when the trial starts and ends.

extension RunRecorder {
    func sweep(_ plan: SweepPlan, tags: [String: String], _ work: (any TrialObserver) throws(LearnError) -> TuningValue)
        throws(LearnError) -> TuningValue
    {
        guard begin() else { return try work(UntrackedObserver()) }
        let run = SweepRun(recorder: self, parentID: startSweep(plan, tags: tags), tags: tags)
        return try observe(run.parentID, { () throws(LearnError) in try work(run) }) { tuning in
            finishSweep(tuning, runID: run.parentID, trialRuns: run.trialRuns)
        }
    }

    /// The sweep's parent run, with the search's settings as params.
    func startSweep(_ plan: SweepPlan, tags: [String: String]) -> String? {
        let id = start(name: plan.name, model: "tuning", tags: tags)
        log(RunData(params: ["search": plan.search, "trials": String(plan.trials), "metric": plan.metric.rawValue, "validation": plan.scheme.description]), to: id)
        return id
    }

    /// A trial's child run: its searched values by path and every component's hyperparameters.
    func startTrial(_ index: Int, pipeline: Pipeline, assignment: Assignment, parent: String?, tags: [String: String]) -> String? {
        var tags = tags
        tags["trial"] = String(index + 1)
        let id = start(name: "trial \(index + 1): \(pipeline.name)", model: pipeline.settings.last?.kind, parent: parent, tags: tags)
        var params = RunContent.params(pipeline.settings)
        for entry in assignment.entries { params["search." + entry.path] = TuningValue.text(entry.value) }
        log(RunData(params: params), to: id)
        return id
    }

    /// Ends a trial's run with its validation score.
    func finishTrial(_ score: MetricScore, runID: String?) {
        log(RunData(metrics: RunContent.metrics([score]) + (score.std.map { [MetricPoint(key: score.metric.rawValue + "_std", value: $0, timestamp: Timestamp.now())] } ?? [])), to: runID)
        end(runID, status: .finished)
    }

    /// Ends the sweep's run with the best score, its trial and its run, and the best-so-far
    /// curve as steps of `best_<metric>`.
    func finishSweep(_ tuning: TuningValue, runID: String?, trialRuns: [Int: String]) {
        var metrics: [MetricPoint] = []
        let now = Timestamp.now()
        var best: Double?
        for trial in tuning.trials.sorted(by: { $0.index < $1.index }) {
            if let mean = trial.mean, best.map({ tuning.metric.isHigherBetter ? mean > $0 : mean < $0 }) ?? true { best = mean }
            if let best { metrics.append(MetricPoint(key: "best_" + tuning.metric.rawValue, value: best, step: Int64(trial.index), timestamp: now)) }
        }
        if let record = tuning.bestRecord, let mean = record.mean {
            metrics.append(MetricPoint(key: tuning.metric.rawValue, value: mean, timestamp: now))
        }
        var tags: [String: String] = ["trials_run": String(tuning.trials.count)]
        if let bestTrial = tuning.bestTrial {
            tags["best_trial"] = String(bestTrial + 1)
            if let id = trialRuns[bestTrial] { tags["best_run"] = id }
        }
        if tuning.interrupted { tags["interrupted"] = "true" }
        log(RunData(metrics: metrics, tags: tags), to: runID)
        end(runID, status: tuning.interrupted ? .killed : .finished, error: tuning.interrupted ? "interrupted; finished trials kept" : nil)
    }
}
