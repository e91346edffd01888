/// Copies runs from one store to another (the embedded file to an MLflow server): experiments
/// by name, params, every value of every metric with its step, tags, parent links, status, times
/// and the model.
///
/// Each copy carries an `assay.source_run` tag with its original id, so exporting again skips
/// what is already there.
public enum RunExport {
    public static let sourceTag = "assay.source_run"

    /// What an export did.
    public struct Summary: Sendable, Equatable {
        public var copied = 0
        public var skipped = 0
        /// Runs copied without their model, and why.
        public var warnings: [String] = []
    }

    /// Copies `runs` (and the parents they name, so links survive) into `destination`.
    public static func copy(_ runs: [Run], from source: any TrackingStore, to destination: any TrackingStore) throws(TrackingError) -> Summary {
        var summary = Summary()
        var byID: [String: Run] = [:]
        for run in runs { byID[run.id] = run }
        var pending = runs.compactMap(\.parentID).filter { byID[$0] == nil }
        while let parentID = pending.popLast() {
            guard byID[parentID] == nil, let parent = try? source.run(parentID) else { continue }
            byID[parent.id] = parent
            if let grandparent = parent.parentID { pending.append(grandparent) }
        }
        let names = Dictionary(uniqueKeysWithValues: try source.experiments().map { ($0.id, $0.name) })

        // Which runs the destination already has, per experiment.
        var destinationExperiments: [String: String] = [:]
        var copies: [String: String] = [:]
        for experimentID in Set(byID.values.map(\.experimentID)) {
            let name = names[experimentID] ?? Experiment.defaultName
            let target = try destination.experiment(named: name)
            destinationExperiments[experimentID] = target.id
            for existing in try destination.searchRuns(RunQuery(experimentIDs: [target.id])) {
                if let original = existing.tags[sourceTag] { copies[original] = existing.id }
            }
        }

        for run in parentsFirst(Array(byID.values)) {
            if copies[run.id] != nil {
                summary.skipped += 1
                continue
            }
            var tags = run.tags
            tags[sourceTag] = run.id
            let new = NewRun(
                experimentID: destinationExperiments[run.experimentID] ?? "0", name: run.name,
                parentID: run.parentID.flatMap { copies[$0] }, startTime: run.startTime, model: run.model, code: run.code,
                tags: tags)
            let id = try destination.createRun(new)
            copies[run.id] = id
            let history = try source.metricHistory(of: run.id)
            try destination.log(RunData(params: run.params, metrics: history), to: id)
            if let model = try source.model(of: run.id) {
                do throws(TrackingError) { try destination.setModel(model, of: id) } catch {
                    summary.warnings.append("run \(run.id) was copied without its model: \(error.message)")
                }
            }
            if run.status.isTerminal || run.endTime != nil {
                try destination.finish(id, status: run.status, endTime: run.endTime ?? run.startTime)
            }
            summary.copied += 1
        }
        return summary
    }

    /// Oldest first, and every parent before its children.
    static func parentsFirst(_ runs: [Run]) -> [Run] {
        let sorted = runs.sorted { ($0.startTime, $0.id) < ($1.startTime, $1.id) }
        let ids = Set(sorted.map(\.id))
        var placed = Set<String>()
        var out: [Run] = []
        var remaining = sorted
        while !remaining.isEmpty {
            let before = remaining.count
            remaining.removeAll { run in
                guard let parent = run.parentID, ids.contains(parent), !placed.contains(parent) else {
                    out.append(run)
                    placed.insert(run.id)
                    return true
                }
                return false
            }
            // A cycle cannot be made by the kernel; if a file holds one, keep the order.
            if remaining.count == before {
                out += remaining
                break
            }
        }
        return out
    }
}
