/// What a searcher may know when it suggests a trial: the outcomes of earlier trials and the
/// assignments of those still running (or treated as running, see `Sweep.lag`).
public struct SearchHistory: Sendable {
    /// A finished trial; `loss` is nil when it failed or its loss was not a number.
    public struct Observation: Sendable {
        public let trial: Int
        public let assignment: Assignment
        public let loss: Double?

        public init(trial: Int, assignment: Assignment, loss: Double?) {
            self.trial = trial
            self.assignment = assignment
            self.loss = loss.flatMap { $0.isNaN ? nil : $0 }
        }
    }

    /// In trial order.
    public let finished: [Observation]
    /// In trial order.
    public let pending: [Assignment]

    public init(finished: [Observation] = [], pending: [Assignment] = []) {
        self.finished = finished
        self.pending = pending
    }
}
