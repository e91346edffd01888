/// One lexical unit of Assay source, with where it came from.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var span: SourceSpan
    /// True for a name written in backticks; such a name is never a command or keyword.
    public var isQuoted: Bool

    public init(kind: TokenKind, span: SourceSpan, isQuoted: Bool = false) {
        self.kind = kind
        self.span = span
        self.isQuoted = isQuoted
    }
}

/// What a token is.
public enum TokenKind: Sendable, Equatable {
    case name(String)
    case number(Double)
    case string(String)
    case keyword(Keyword)
    case symbol(Symbol)
    /// The end of a statement (a line break that does not continue the statement).
    case newline
    case end
}

/// The reserved words; commands and clause words are ordinary names recognized by position.
public enum Keyword: String, Sendable, CaseIterable {
    case and, or, not, `in`, `is`, `true`, `false`, null
}

/// Operators and punctuation.
public enum Symbol: String, Sendable, CaseIterable {
    case assign = "="
    case comma = ","
    case dot = "."
    case colon = ":"
    case question = "?"
    case pipe = "|"
    case leftParen = "("
    case rightParen = ")"
    case leftBracket = "["
    case rightBracket = "]"
    case leftBrace = "{"
    case rightBrace = "}"
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case percent = "%"
    case caret = "^"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="

    var closing: Symbol? {
        switch self {
        case .leftParen: .rightParen
        case .leftBracket: .rightBracket
        case .leftBrace: .rightBrace
        default: nil
        }
    }

    var isClosing: Bool { self == .rightParen || self == .rightBracket || self == .rightBrace }
}

extension TokenKind {
    /// How an error message names this token.
    public var description: String {
        switch self {
        case .name(let name): "`\(name)`"
        case .number: "a number"
        case .string: "a string"
        case .keyword(let keyword): "`\(keyword.rawValue)`"
        case .symbol(let symbol): "`\(symbol.rawValue)`"
        case .newline: "the end of the line"
        case .end: "the end of the input"
        }
    }

    /// True when a line ending with this token cannot end a statement.
    var expectsContinuation: Bool {
        switch self {
        case .keyword(let keyword): [.and, .or, .not, .in, .is].contains(keyword)
        case .symbol(let symbol):
            switch symbol {
            case .pipe, .comma, .assign, .plus, .minus, .star, .slash, .percent, .caret,
                .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .dot, .colon:
                true
            default: false
            }
        default: false
        }
    }
}
