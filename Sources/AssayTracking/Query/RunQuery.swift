/// Which runs to find: in which experiments, matching what, in which order, how many.
public struct RunQuery: Sendable, Hashable {
    /// Empty means every experiment.
    public var experimentIDs: [String]
    public var filter: RunFilter?
    public var order: RunOrder
    public var limit: Int?

    public init(experimentIDs: [String], filter: RunFilter? = nil, order: RunOrder = .newestFirst, limit: Int? = nil) {
        self.experimentIDs = experimentIDs
        self.filter = filter
        self.order = order
        self.limit = limit
    }

    /// Filters, sorts and limits runs held in memory, as a store would.
    public func apply(to runs: [Run]) -> [Run] {
        var matched = runs.filter { run in
            (experimentIDs.isEmpty || experimentIDs.contains(run.experimentID)) && (filter?.matches(run) ?? true)
        }
        matched = order.sorted(matched)
        if let limit, matched.count > limit { matched.removeLast(matched.count - limit) }
        return matched
    }
}
