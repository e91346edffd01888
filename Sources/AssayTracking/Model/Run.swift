/// A tracked run as stores return it: what it is, how it ended, and the last value of each metric.
public struct Run: Sendable, Hashable {
    public var id: String
    public var name: String
    public var experimentID: String
    public var parentID: String?
    public var status: RunStatus
    /// Milliseconds since 1970.
    public var startTime: Int64
    public var endTime: Int64?
    /// The kind of model the run fitted or evaluated (`forest`), if any.
    public var model: String?
    /// The code of the cell that made the run.
    public var code: String?
    public var params: [String: String]
    /// The last value of each metric (highest step, then latest timestamp).
    public var metrics: [String: Double]
    public var tags: [String: String]

    public init(
        id: String, name: String, experimentID: String, parentID: String? = nil, status: RunStatus, startTime: Int64,
        endTime: Int64? = nil, model: String? = nil, code: String? = nil, params: [String: String] = [:],
        metrics: [String: Double] = [:], tags: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.experimentID = experimentID
        self.parentID = parentID
        self.status = status
        self.startTime = startTime
        self.endTime = endTime
        self.model = model
        self.code = code
        self.params = params
        self.metrics = metrics
        self.tags = tags
    }

    /// Seconds from start to end; nil while the run has not ended.
    public var duration: Double? {
        endTime.map { Double($0 - startTime) / 1000 }
    }
}
