/// What a store needs to start a run; the store gives it its id.
public struct NewRun: Sendable, Hashable {
    public var experimentID: String
    public var name: String
    public var parentID: String?
    /// Milliseconds since 1970.
    public var startTime: Int64
    public var model: String?
    public var code: String?
    public var tags: [String: String]
    /// A run being copied keeps its status and end; a new run starts RUNNING.
    public var status: RunStatus
    public var endTime: Int64?

    public init(
        experimentID: String, name: String, parentID: String? = nil, startTime: Int64 = Timestamp.now(),
        model: String? = nil, code: String? = nil, tags: [String: String] = [:], status: RunStatus = .running,
        endTime: Int64? = nil
    ) {
        self.experimentID = experimentID
        self.name = name
        self.parentID = parentID
        self.startTime = startTime
        self.model = model
        self.code = code
        self.tags = tags
        self.status = status
        self.endTime = endTime
    }
}
