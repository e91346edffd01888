/// The parameters of a built-in function, and how call arguments map onto them.
public struct FunctionSignature: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        public var isOptional: Bool

        public init(_ name: String, optional: Bool = false) {
            self.name = name
            self.isOptional = optional
        }
    }

    public var name: String
    public var parameters: [Parameter]
    /// Variadic functions take any number (at least one) of positional values and no labels.
    public var isVariadic: Bool

    public init(_ name: String, _ parameters: [Parameter], variadic: Bool = false) {
        self.name = name
        self.parameters = parameters
        self.isVariadic = variadic
    }

    /// `round(x, digits)`, `min(values...)`.
    public var usage: String {
        let list = parameters.map { $0.isOptional ? "\($0.name)=…" : $0.name }.joined(separator: ", ")
        return "\(name)(\(list)\(isVariadic ? "..." : ""))"
    }

    /// The argument for each parameter in order (nil where an optional one was left out); for a
    /// variadic function, every argument.
    public func bind(_ arguments: [Argument], at call: SourceSpan) throws(Diagnostic) -> [Expression?] {
        if isVariadic {
            if let labeled = arguments.first(where: { $0.label != nil }), let label = labeled.label {
                throw Diagnostic(.noNamedArguments(name, usage: usage), at: label.span)
            }
            guard !arguments.isEmpty else {
                throw Diagnostic(.needsAnArgument(name, usage: usage), at: call)
            }
            return arguments.map(\.value)
        }
        var slots = [Expression?](repeating: nil, count: parameters.count)
        var position = 0
        for argument in arguments {
            if let label = argument.label {
                guard let index = parameters.firstIndex(where: { $0.name == label.name }) else {
                    throw Diagnostic(.unknownArgument(label.name, among: parameters.map(\.name), usage: usage), at: label.span)
                }
                guard slots[index] == nil else {
                    throw Diagnostic(.repeatedArgument(label.name), at: label.span)
                }
                slots[index] = argument.value
            } else {
                while position < slots.count, slots[position] != nil { position += 1 }
                guard position < slots.count else {
                    throw Diagnostic(.tooManyArguments(name, count: parameters.count, usage: usage), at: argument.value.span)
                }
                slots[position] = argument.value
            }
        }
        for (parameter, slot) in zip(parameters, slots) where slot == nil && !parameter.isOptional {
            throw Diagnostic(.missingArgument(name, parameter: parameter.name, usage: usage), at: call)
        }
        return slots
    }
}
