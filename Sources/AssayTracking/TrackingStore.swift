import Foundation

/// Where runs are kept: an embedded SQLite file or an MLflow tracking server.
///
/// Every method may be called from any thread. Writes are durable when they return, so a
/// process that dies loses nothing already logged.
public protocol TrackingStore: AnyObject, Sendable {
    /// The file or URI, as `track to` names it.
    var location: String { get }

    /// The experiment of that name, created when it does not exist yet.
    func experiment(named name: String) throws(TrackingError) -> Experiment

    /// Failures of the store's best-effort upkeep since the last call (an MLflow server that
    /// could not mark runs left RUNNING by a stopped kernel as FAILED), for the session to show:
    /// they fail no work, and they are never dropped unseen.
    func takeWarnings() -> [TrackingError]

    /// Every experiment, in creation order.
    func experiments() throws(TrackingError) -> [Experiment]

    /// Starts a run (RUNNING unless `run` says otherwise) and returns its id.
    func createRun(_ run: NewRun) throws(TrackingError) -> String

    /// Logs params, metrics and tags of a run together.
    func log(_ data: RunData, to runID: String) throws(TrackingError)

    /// Ends a run.
    func finish(_ runID: String, status: RunStatus, endTime: Int64) throws(TrackingError)

    /// Attaches the fitted model (the JSON `save` writes) to a run.
    func setModel(_ model: Data, of runID: String) throws(TrackingError)

    /// The model attached to a run, nil when it has none.
    func model(of runID: String) throws(TrackingError) -> Data?

    /// One run by its id (or, in SQLite, an unambiguous prefix of it).
    func run(_ id: String) throws(TrackingError) -> Run

    /// Every logged value of every metric of a run, by key then step.
    func metricHistory(of runID: String) throws(TrackingError) -> [MetricPoint]

    /// The runs a query finds.
    func searchRuns(_ query: RunQuery) throws(TrackingError) -> [Run]
}

extension TrackingStore {
    /// The runs whose parent is `runID`, oldest first.
    public func children(of runID: String, in experimentID: String) throws(TrackingError) -> [Run] {
        try searchRuns(RunQuery(experimentIDs: [experimentID], filter: .compare(.parent, .equal, .string(runID)), order: RunOrder(.start)))
    }
}

extension TrackingStore {
    /// A store with no best-effort upkeep has nothing to report.
    public func takeWarnings() -> [TrackingError] { [] }
}
