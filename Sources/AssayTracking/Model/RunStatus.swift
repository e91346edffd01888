/// Where a run is in its life: running, or ended one of three ways (MLflow's names).
public enum RunStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case running = "RUNNING"
    case finished = "FINISHED"
    case failed = "FAILED"
    case killed = "KILLED"

    /// Whether the run has ended.
    public var isTerminal: Bool { self != .running }
}
