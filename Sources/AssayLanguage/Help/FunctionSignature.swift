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
                throw Diagnostic(.type, "`\(name)` takes no named arguments", at: label.span, help: "write `\(usage)`")
            }
            guard !arguments.isEmpty else {
                throw Diagnostic(.type, "`\(name)` needs at least one argument", at: call, help: "write `\(usage)`")
            }
            return arguments.map(\.value)
        }
        var slots = [Expression?](repeating: nil, count: parameters.count)
        var position = 0
        for argument in arguments {
            if let label = argument.label {
                guard let index = parameters.firstIndex(where: { $0.name == label.name }) else {
                    throw Diagnostic.unknown(
                        "argument", label.name, at: label.span, among: parameters.map(\.name), kind: .type,
                        otherwise: "write `\(usage)`")
                }
                guard slots[index] == nil else {
                    throw Diagnostic(.type, "argument `\(label.name)` is given twice", at: label.span)
                }
                slots[index] = argument.value
            } else {
                while position < slots.count, slots[position] != nil { position += 1 }
                guard position < slots.count else {
                    throw Diagnostic(
                        .type, "`\(name)` takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s")",
                        at: argument.value.span, help: "write `\(usage)`")
                }
                slots[position] = argument.value
            }
        }
        for (parameter, slot) in zip(parameters, slots) where slot == nil && !parameter.isOptional {
            throw Diagnostic(.type, "`\(name)` needs `\(parameter.name)`", at: call, help: "write `\(usage)`")
        }
        return slots
    }
}
