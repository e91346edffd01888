/// Params, metrics and tags logged together (one transaction, or one batch request).
public struct RunData: Sendable, Hashable {
    public var params: [String: String]
    public var metrics: [MetricPoint]
    public var tags: [String: String]

    public init(params: [String: String] = [:], metrics: [MetricPoint] = [], tags: [String: String] = [:]) {
        self.params = params
        self.metrics = metrics
        self.tags = tags
    }

    public var isEmpty: Bool { params.isEmpty && metrics.isEmpty && tags.isEmpty }
}
