/// The value one parameter takes in a trial: a number, an integer, a text or a flag. A choice
/// option that is a stage or a model is represented by its label (`.text("boost")`).
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case integer(Int)
    case text(String)
    case bool(Bool)

    /// The value as a number, when it is one (integers included).
    public var number: Double? {
        switch self {
        case .number(let value): value
        case .integer(let value): Double(value)
        case .text, .bool: nil
        }
    }

    public var description: String {
        switch self {
        case .number(let value): "\(value)"
        case .integer(let value): "\(value)"
        case .text(let value): value
        case .bool(let value): "\(value)"
        }
    }
}
