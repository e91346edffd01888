/// The session settings `set` changes.
public enum Setting: String, Sendable, CaseIterable {
    case seed, parallel, rows
    case progressAfter = "progress_after"

    /// One line for help and completion.
    public var summary: String {
        switch self {
        case .seed: "the random seed used when a command has no `seed` clause"
        case .parallel: "how many jobs run at once (fits, trials, folds)"
        case .rows: "how many rows tables show"
        case .progressAfter: "seconds a fit or tune runs before its progress shows (0: at once)"
        }
    }

    /// The smallest value the setting accepts.
    public var minimum: Int {
        switch self {
        case .seed, .progressAfter: 0
        case .parallel, .rows: 1
        }
    }
}
