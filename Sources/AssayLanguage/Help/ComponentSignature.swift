/// How a stage, model or search space is called: what its positional arguments are and which
/// hyperparameters it takes, with their kinds, defaults and meaning.
///
/// The kernel checks every call against its signature before anything runs, so an unknown
/// hyperparameter or a value out of range is an error at the argument.
public struct ComponentSignature: Sendable {
    public enum Role: String, Sendable {
        case stage, model, space
    }

    /// What the positional arguments are.
    public enum Positional: Sendable {
        /// None.
        case none
        /// Columns or selectors (`numeric()`, `except(a)`); none means the stage's default.
        case columns
        /// Exactly one column.
        case column
        /// Exactly two columns.
        case columnPair
        /// `NAME = EXPR` definitions (`derive`).
        case definitions
        /// Values named for help (search spaces' bounds); `variadic` takes any number, at least one.
        case values(names: [String], variadic: Bool)
    }

    /// A hyperparameter's accepted values.
    public enum ValueKind: Sendable, Equatable {
        /// A whole number in `minimum...maximum`; `nullable` accepts null (e.g. unlimited depth).
        case integer(minimum: Int, maximum: Int?, nullable: Bool)
        /// A real number above `minimum` (or at it, when `inclusive`), and at most `maximum`.
        case real(minimum: Double, inclusive: Bool, maximum: Double?)
        case bool
        /// One of these strings.
        case choice([String])
        /// A list of numbers.
        case numbers
        /// A number or a string (`impute(value=...)`).
        case scalar
        /// A string from `choices`, a whole count of at least 1, or a fraction in (0, 1).
        case features(choices: [String])
    }

    public struct Parameter: Sendable {
        public var name: String
        public var kind: ValueKind
        /// The default as help shows it.
        public var defaultText: String
        public var summary: String

        public init(_ name: String, _ kind: ValueKind, _ defaultText: String, _ summary: String) {
            self.name = name
            self.kind = kind
            self.defaultText = defaultText
            self.summary = summary
        }

        /// What values it takes, for error messages.
        public var expectation: String {
            switch kind {
            case .integer(let minimum, let maximum, let nullable):
                let range = maximum.map { "a whole number from \(minimum) to \($0)" } ?? "a whole number of at least \(minimum)"
                return nullable ? range + " or null" : range
            case .real(let minimum, let inclusive, let maximum):
                let low = "\(inclusive ? "at least" : "greater than") \(Self.format(minimum))"
                return "a number " + low + (maximum.map { " and at most \(Self.format($0))" } ?? "")
            case .bool: return "true or false"
            case .choice(let options): return "one of " + options.map { "\"\($0)\"" }.joined(separator: ", ")
            case .numbers: return "a list of numbers"
            case .scalar: return "a number or a string"
            case .features(let choices):
                return choices.map { "\"\($0)\"" }.joined(separator: ", ") + ", a count of features or a fraction in (0, 1)"
            }
        }

        static func format(_ x: Double) -> String {
            x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
        }
    }

    public var name: String
    public var role: Role
    public var positional: Positional
    public var parameters: [Parameter]
    public var summary: String
    public var details: [String]
    public var examples: [String]

    public init(
        _ name: String, _ role: Role, positional: Positional = .none, parameters: [Parameter] = [], summary: String,
        details: [String] = [], examples: [String] = []
    ) {
        self.name = name
        self.role = role
        self.positional = positional
        self.parameters = parameters
        self.summary = summary
        self.details = details
        self.examples = examples
    }

    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }

    /// `boost(rounds=100, rate=0.1, ...)`, as help shows it.
    public var usage: String {
        var parts: [String] = []
        switch positional {
        case .none: break
        case .columns: parts.append("COLS")
        case .column: parts.append("COL")
        case .columnPair: parts.append(contentsOf: ["A", "B"])
        case .definitions: parts.append("NAME = EXPR")
        case .values(let names, let variadic): parts.append(names.joined(separator: ", ") + (variadic ? ", ..." : ""))
        }
        parts += parameters.map { "\($0.name)=\($0.defaultText)" }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }

    var topic: HelpTopic {
        var lines = details
        if !parameters.isEmpty {
            lines.append("Hyperparameters:")
            lines += parameters.map { "  \($0.name) = \($0.defaultText): \($0.summary)" }
        }
        let kind: HelpTopic.Kind = switch role {
        case .stage: .stage
        case .model: .model
        case .space: .space
        }
        return HelpTopic(name, kind, usage: usage, summary: summary, details: lines, examples: examples)
    }
}
