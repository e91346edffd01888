/// A parsed command: its word, the operands that were present, and its clauses.
public struct CommandStatement: Sendable {
    public var name: Identifier
    /// Operands by their label in the command's syntax, in source order.
    public var operands: [(label: String, operand: Operand)]
    public var clauses: [Clause]

    public init(name: Identifier, operands: [(label: String, operand: Operand)], clauses: [Clause]) {
        self.name = name
        self.operands = operands
        self.clauses = clauses
    }

    public subscript(label: String) -> Operand? {
        operands.first { $0.label == label }?.operand
    }

    public func clause(_ keyword: String) -> Clause? {
        clauses.first { $0.keyword.name == keyword }
    }
}

/// What a command takes: an expression, or a word such as a setting name or a help topic.
public enum Operand: Sendable {
    case expression(Expression)
    case word(Identifier)

    public var span: SourceSpan {
        switch self {
        case .expression(let expression): expression.span
        case .word(let word): word.span
        }
    }
}

/// A clause of a command, such as `seed 42` or `target species`.
public struct Clause: Sendable {
    public var keyword: Identifier
    public var operand: Operand?

    public init(keyword: Identifier, operand: Operand?) {
        self.keyword = keyword
        self.operand = operand
    }
}
