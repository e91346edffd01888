/// The parameters of one trial: a value for every active path, in the space's tree order, and
/// the option taken by every active choice. Parameters of options not taken are absent.
public struct Assignment: Sendable, Hashable, CustomStringConvertible {
    /// One active parameter.
    public struct Entry: Sendable, Hashable {
        public let path: String
        public let value: ParameterValue
        /// For a choice: the index of the option taken.
        public let option: Int?
    }

    public let entries: [Entry]
    /// One coordinate per dimension of the space, NaN where inactive.
    let point: [Double]

    /// The value at a path, nil when the path is not active in this trial.
    public subscript(path: String) -> ParameterValue? {
        entries.first { $0.path == path }?.value
    }

    /// The index of the option a choice took, nil when the path is not an active choice.
    public func option(_ path: String) -> Int? {
        entries.first { $0.path == path }?.option
    }

    /// `model=boost, boost.rate=0.05`.
    public var description: String {
        entries.map { "\($0.path)=\($0.value)" }.joined(separator: ", ")
    }
}
