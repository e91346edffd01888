/// One option of a `choice`: a plain value, or a stage or model with its own parameters, which
/// exist only in trials that choose this option (a conditional space).
public struct ChoiceOption: Sendable, Hashable {
    /// The value reported for the choice's own path (`model = boost`).
    public var value: ParameterValue
    /// Prefixes the paths of `parameters`: `boost` makes `rate` into `boost.rate`.
    public var label: String
    public var parameters: [SearchParameter]

    /// `label` defaults to the value's text.
    public init(_ value: ParameterValue, label: String? = nil, parameters: [SearchParameter] = []) {
        self.value = value
        self.label = label ?? value.description
        self.parameters = parameters
    }
}
