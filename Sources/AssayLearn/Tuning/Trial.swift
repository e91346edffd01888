/// One finished trial of a sweep: its parameters and how it went.
public struct Trial<Extra: Sendable>: Sendable {
    /// Counted from 0, in the order trials were suggested.
    public let index: Int
    public let assignment: Assignment
    /// The seed the trial's evaluation was given.
    public let seed: UInt64
    /// The loss to minimize; nil when the evaluation failed.
    public let loss: Double?
    /// What the evaluation returned besides the loss (fold scores, say); nil when it failed.
    public let extra: Extra?
    public let seconds: Double
    /// Why the evaluation failed.
    public let error: (any Error)?
}
