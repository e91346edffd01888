/// Turns source text into tokens and decides where statements end.
///
/// A line break ends a statement unless a bracket is open, the next line starts with `|`, or the
/// next line is indented deeper than the statement's first line.
public struct Lexer {
    /// Everything one pass over the source found, including how it stopped.
    struct Scan {
        var tokens: [Token] = []
        /// Brackets still open at the end, innermost last.
        var openBrackets: [Token] = []
        var failure: Diagnostic?
        var endsInsideString = false
        /// Indentation of the first line of the last statement.
        var lastStatementIndent = 0
    }

    private let source: SourceText
    private var s: [Unicode.Scalar] { source.scalars }
    private var i = 0
    private var scan = Scan()
    private var pendingNewline: Token?
    private var lineHasToken = false
    private var statementIndent: Int?

    /// All tokens of `source`, ending with `.end`, or the first lexical error.
    public static func tokenize(_ source: SourceText) throws(Diagnostic) -> [Token] {
        let scan = Lexer.scan(source)
        if let failure = scan.failure { throw failure }
        return scan.tokens
    }

    static func scan(_ source: SourceText) -> Scan {
        var lexer = Lexer(source: source)
        lexer.run()
        return lexer.scan
    }

    private init(source: SourceText) {
        self.source = source
    }

    private mutating func run() {
        while i < s.count {
            let c = s[i]
            switch c {
            case " ", "\t", "\r":
                i += 1
            case "#":
                while i < s.count, s[i] != "\n" { i += 1 }
            case "\n":
                lineBreak()
                i += 1
            default:
                do throws(Diagnostic) {
                    try token()
                } catch {
                    scan.failure = error
                    return
                }
            }
        }
        let end = source.span(from: s.count, to: s.count)
        scan.tokens.append(Token(kind: .end, span: end))
    }

    private mutating func lineBreak() {
        lineHasToken = false
        guard scan.openBrackets.isEmpty, pendingNewline == nil, statementIndent != nil else { return }
        pendingNewline = Token(kind: .newline, span: source.span(from: i, to: i + 1))
    }

    /// Called before each token: settles a pending line break and remembers statement indentation.
    private mutating func startToken(continuesLine: Bool) {
        let isFirstOnLine = !lineHasToken
        lineHasToken = true
        guard isFirstOnLine else { return }
        let indent = indentation(ofLineAt: i)
        if let newline = pendingNewline {
            pendingNewline = nil
            if continuesLine || indent > (statementIndent ?? 0) { return }
            scan.tokens.append(newline)
            statementIndent = nil
        }
        if statementIndent == nil {
            statementIndent = indent
            scan.lastStatementIndent = indent
        }
    }

    private func indentation(ofLineAt offset: Int) -> Int {
        var start = offset
        while start > 0, s[start - 1] != "\n" { start -= 1 }
        var count = 0
        while start + count < s.count, s[start + count] == " " || s[start + count] == "\t" { count += 1 }
        return count
    }

    private mutating func token() throws(Diagnostic) {
        let c = s[i]
        startToken(continuesLine: c == "|")
        let start = i
        if c == "\"" || c == "'" {
            try string(quote: c)
        } else if c == "`" {
            try quotedName()
        } else if c.isASCIIDigit {
            try number()
        } else if c.isNameStart {
            while i < s.count, s[i].isNameContinuation { i += 1 }
            let text = source.slice(start, i)
            let kind: TokenKind = Keyword(rawValue: text).map { .keyword($0) } ?? .name(text)
            append(kind, from: start)
        } else {
            try symbol()
        }
    }

    private mutating func append(_ kind: TokenKind, from start: Int, quoted: Bool = false) {
        scan.tokens.append(Token(kind: kind, span: source.span(from: start, to: i), isQuoted: quoted))
    }

    private mutating func symbol() throws(Diagnostic) {
        let start = i
        let c = s[i]
        let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
        let twoCharacter: Symbol? =
            switch (c, next) {
            case ("=", "="): .equal
            case ("!", "="): .notEqual
            case ("<", "="): .lessEqual
            case (">", "="): .greaterEqual
            default: nil
            }
        let symbol: Symbol
        if let twoCharacter {
            symbol = twoCharacter
            i += 2
        } else if let single = Symbol(rawValue: String(c)) {
            symbol = single
            i += 1
        } else {
            let span = source.span(from: start, to: start + 1)
            throw Diagnostic(.unexpectedCharacter(Character(c)), at: span)
        }
        let token = Token(kind: .symbol(symbol), span: source.span(from: start, to: i))
        if symbol.closing != nil {
            scan.openBrackets.append(token)
        } else if symbol.isClosing {
            guard let open = scan.openBrackets.popLast() else {
                throw Diagnostic(.unmatchedBracket(symbol.rawValue), at: token.span)
            }
            guard case .symbol(let opening) = open.kind, opening.closing == symbol else {
                let opened = open.span.start
                throw Diagnostic(
                    .mismatchedBracket(symbol.rawValue, opened: open.kind.description, line: opened.line, column: opened.column),
                    at: token.span)
            }
        }
        scan.tokens.append(token)
    }

    private mutating func number() throws(Diagnostic) {
        let start = i
        while i < s.count, s[i].isASCIIDigit { i += 1 }
        if i + 1 < s.count, s[i] == ".", s[i + 1].isASCIIDigit {
            i += 1
            while i < s.count, s[i].isASCIIDigit { i += 1 }
        }
        if i < s.count, s[i] == "e" || s[i] == "E" {
            var j = i + 1
            if j < s.count, s[j] == "+" || s[j] == "-" { j += 1 }
            if j < s.count, s[j].isASCIIDigit {
                i = j
                while i < s.count, s[i].isASCIIDigit { i += 1 }
            }
        }
        if i < s.count, s[i].isNameContinuation {
            while i < s.count, s[i].isNameContinuation { i += 1 }
            throw Diagnostic(.invalidNumber(source.slice(start, i)), at: source.span(from: start, to: i))
        }
        // The scanned text is digits, an optional fraction and exponent: always a valid Double.
        let value = Double(source.slice(start, i)) ?? .nan
        append(.number(value), from: start)
    }

    private mutating func string(quote: Unicode.Scalar) throws(Diagnostic) {
        let start = i
        i += 1
        var value = String.UnicodeScalarView()
        while i < s.count {
            let c = s[i]
            if c == quote {
                i += 1
                append(.string(String(value)), from: start)
                return
            }
            if c == "\\" {
                guard i + 1 < s.count else { break }
                let escaped: Unicode.Scalar? =
                    switch s[i + 1] {
                    case "n": "\n"
                    case "t": "\t"
                    case "r": "\r"
                    case "\\": "\\"
                    case "\"": "\""
                    case "'": "'"
                    default: nil
                    }
                guard let escaped else {
                    throw Diagnostic(.unknownEscape(Character(s[i + 1])), at: source.span(from: i, to: i + 2))
                }
                value.append(escaped)
                i += 2
                continue
            }
            value.append(c)
            i += 1
        }
        scan.endsInsideString = true
        throw Diagnostic(.unterminatedString(quote: Character(quote)), at: source.span(from: start, to: start + 1))
    }

    private mutating func quotedName() throws(Diagnostic) {
        let start = i
        i += 1
        while i < s.count, s[i] != "`", s[i] != "\n" { i += 1 }
        guard i < s.count, s[i] == "`" else {
            throw Diagnostic(.unterminatedName, at: source.span(from: start, to: start + 1))
        }
        let name = source.slice(start + 1, i)
        i += 1
        guard !name.isEmpty else {
            throw Diagnostic(.emptyName, at: source.span(from: start, to: i))
        }
        append(.name(name), from: start, quoted: true)
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isNameStart: Bool { self == "_" || properties.isAlphabetic }
    var isNameContinuation: Bool { isNameStart || isASCIIDigit }
}
