/// Something a run can be filtered or ordered by: `metrics.f1`, `params.boost.rate`, `status`.
public enum RunField: Sendable, Hashable, CustomStringConvertible {
    case metric(String)
    case param(String)
    case tag(String)
    case id
    case name
    case status
    case model
    case parent
    /// The start time, in milliseconds since 1970.
    case start
    /// Seconds from start to end; missing while the run is running.
    case duration

    /// The attribute fields, by the word a query writes.
    public static let attributes: [String: RunField] = [
        "id": .id, "name": .name, "status": .status, "model": .model, "parent": .parent, "start": .start,
        "duration": .duration,
    ]

    /// The prefixes of keyed fields.
    public static let prefixes = ["metrics", "params", "tags"]

    /// Whether values of this field are numbers (metrics, start, duration); params and tags are
    /// text that compares as numbers against a number.
    public var isNumeric: Bool {
        switch self {
        case .metric, .start, .duration: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .metric(let key): "metrics.\(key)"
        case .param(let key): "params.\(key)"
        case .tag(let key): "tags.\(key)"
        case .id: "id"
        case .name: "name"
        case .status: "status"
        case .model: "model"
        case .parent: "parent"
        case .start: "start"
        case .duration: "duration"
        }
    }

    /// The field's value for `run`, nil when the run does not have it.
    public func value(of run: Run) -> FilterValue? {
        switch self {
        case .metric(let key): run.metrics[key].map(FilterValue.number)
        case .param(let key): run.params[key].map(FilterValue.string)
        case .tag(let key): run.tags[key].map(FilterValue.string)
        case .id: .string(run.id)
        case .name: .string(run.name)
        case .status: .string(run.status.rawValue)
        case .model: run.model.map(FilterValue.string)
        case .parent: run.parentID.map(FilterValue.string)
        case .start: .number(Double(run.startTime))
        case .duration: run.duration.map(FilterValue.number)
        }
    }
}
