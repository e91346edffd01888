/// One logged value of a metric: runs log a metric once or many times, at increasing steps.
public struct MetricPoint: Sendable, Hashable {
    public var key: String
    public var value: Double
    public var step: Int64
    /// Milliseconds since 1970.
    public var timestamp: Int64

    public init(key: String, value: Double, step: Int64 = 0, timestamp: Int64) {
        self.key = key
        self.value = value
        self.step = step
        self.timestamp = timestamp
    }
}
