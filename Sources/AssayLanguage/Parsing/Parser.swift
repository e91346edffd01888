/// Builds statements from tokens, stopping at the first error.
public struct Parser {
    /// Deeper nesting than this is almost surely generated input; refusing it keeps the stack safe.
    static let maximumDepth = 200

    var tokens: [Token]
    var index = 0
    var depth = 0

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Every statement of a cell or script.
    public static func parse(_ source: SourceText) throws(Diagnostic) -> [Statement] {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        var statements: [Statement] = []
        while true {
            parser.skipNewlines()
            if case .end = parser.peek.kind { return statements }
            statements.append(try parser.statement())
        }
    }

    /// A single expression, as user_expressions send it.
    public static func parseExpression(_ source: SourceText) throws(Diagnostic) -> Expression {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        parser.skipNewlines()
        let expression = try parser.expression()
        parser.skipNewlines()
        guard case .end = parser.peek.kind else { throw parser.unexpected(parser.peek) }
        return expression
    }

    // MARK: Statements

    mutating func statement() throws(Diagnostic) -> Statement {
        let first = peek
        let statement: Statement
        switch first.kind {
        case .symbol(.question):
            advance()
            var topic: Identifier?
            if let word = wordToken(peek) {
                advance()
                topic = word
            }
            statement = Statement(.pagedHelp(topic: topic), span: first.span.through(previous.span))
        case .name where isBinding:
            statement = try binding()
        case .name(let name) where !first.isQuoted && CommandSyntax.named(name) != nil:
            statement = try command(CommandSyntax.named(name) ?? CommandSyntax(name))
        default:
            let expression = try self.expression()
            statement = Statement(.expression(expression), span: expression.span)
        }
        try endOfStatement()
        return statement
    }

    /// `name =` or `name ,` starts a binding.
    private var isBinding: Bool {
        guard index + 1 < tokens.count else { return false }
        return tokens[index + 1].kind == .symbol(.assign) || tokens[index + 1].kind == .symbol(.comma)
    }

    private mutating func binding() throws(Diagnostic) -> Statement {
        let start = peek.span
        var targets: [Identifier] = []
        while true {
            let token = peek
            guard case .name(let name) = token.kind else {
                throw Diagnostic(.syntax, "expected a name to bind, found \(token.kind.description)", at: token.span)
            }
            if !token.isQuoted, CommandSyntax.named(name) != nil || Parser.expressionWords.contains(name) {
                throw Diagnostic(
                    .syntax, "`\(name)` is a command and cannot be bound", at: token.span,
                    help: "choose another name, or write it in backticks: `\u{60}\(name)\u{60}`")
            }
            if targets.contains(where: { $0.name == name }) {
                throw Diagnostic(.syntax, "`\(name)` is bound twice in the same statement", at: token.span)
            }
            targets.append(Identifier(name, span: token.span))
            advance()
            if accept(.comma) { continue }
            if accept(.assign) { break }
            throw Diagnostic(
                .syntax, "expected `=` after the names to bind, found \(peek.kind.description)", at: peek.span,
                help: "bind a list's elements with `a, b = expr`")
        }
        let value = try expression()
        return Statement(.bind(targets: targets, value: value), span: start.through(value.span))
    }

    private mutating func endOfStatement() throws(Diagnostic) {
        switch peek.kind {
        case .newline, .end: return
        case .symbol(.assign):
            throw Diagnostic(
                .syntax, "cannot assign to this expression", at: peek.span,
                help: "bind a name with `name = expr`; compare with `==`")
        default:
            throw Diagnostic(
                .syntax, "unexpected \(peek.kind.description) after the end of the statement", at: peek.span,
                help: "write one statement per line")
        }
    }

    // MARK: Commands

    private mutating func command(_ syntax: CommandSyntax) throws(Diagnostic) -> Statement {
        let nameToken = advance()
        let name = Identifier(syntax.name, span: nameToken.span)
        var operands: [(label: String, operand: Operand)] = []
        for operandSyntax in syntax.operands {
            if atStatementEnd || clauseSyntax(of: syntax) != nil {
                if operandSyntax.isOptional { continue }
                throw Diagnostic(
                    .syntax, "`\(syntax.name)` needs \(operandSyntax.placeholder)", at: peek.span,
                    help: "write `\(syntax.usage)`")
            }
            operands.append((operandSyntax.label, try operand(operandSyntax, of: syntax)))
        }
        var clauses: [Clause] = []
        while let clauseSyntax = clauseSyntax(of: syntax) {
            let keyword = Identifier(clauseSyntax.keyword, span: advance().span)
            if clauses.contains(where: { $0.keyword.name == keyword.name }) {
                throw Diagnostic(.syntax, "clause `\(keyword.name)` is given twice", at: keyword.span)
            }
            var operand: Operand?
            if let operandSyntax = clauseSyntax.operand {
                guard !atStatementEnd else {
                    throw Diagnostic(
                        .syntax, "`\(keyword.name)` needs \(operandSyntax.placeholder)", at: peek.span,
                        help: "write `\(syntax.usage)`")
                }
                operand = try self.operand(operandSyntax, of: syntax)
            }
            clauses.append(Clause(keyword: keyword, operand: operand))
        }
        guard atStatementEnd else {
            if case .name(let word) = peek.kind, !syntax.clauses.isEmpty {
                throw Diagnostic.unknown(
                    "clause", word, at: peek.span, among: syntax.clauses.map(\.keyword), kind: .syntax,
                    otherwise: "write `\(syntax.usage)`")
            }
            throw Diagnostic(
                .syntax, "unexpected \(peek.kind.description) in `\(syntax.name)`", at: peek.span,
                help: "write `\(syntax.usage)`")
        }
        let command = CommandStatement(name: name, operands: operands, clauses: clauses)
        return Statement(.command(command), span: nameToken.span.through(previous.span))
    }

    private func clauseSyntax(of syntax: CommandSyntax) -> CommandSyntax.ClauseSyntax? {
        guard case .name(let word) = peek.kind, !peek.isQuoted else { return nil }
        return syntax.clauses.first { $0.keyword == word }
    }

    private mutating func operand(
        _ operandSyntax: CommandSyntax.OperandSyntax, of syntax: CommandSyntax
    ) throws(Diagnostic) -> Operand {
        switch operandSyntax.kind {
        case .expression:
            return .expression(try expression())
        case .word(let noun, let choices):
            guard let word = wordToken(peek) else {
                throw Diagnostic(
                    .syntax, "expected a \(noun), found \(peek.kind.description)", at: peek.span,
                    help: "write `\(syntax.usage)`")
            }
            if let choices, !choices.contains(word.name) {
                throw Diagnostic.unknown(
                    noun, word.name, at: word.span, among: choices,
                    otherwise: "the \(noun)s are " + choices.map { "`\($0)`" }.joined(separator: ", "))
            }
            advance()
            return .word(word)
        }
    }

    /// A name or keyword used as a word (`help and`, `set seed`).
    private func wordToken(_ token: Token) -> Identifier? {
        switch token.kind {
        case .name(let name): Identifier(name, span: token.span)
        case .keyword(let keyword): Identifier(keyword.rawValue, span: token.span)
        default: nil
        }
    }

    // MARK: Tokens

    var peek: Token { tokens[min(index, tokens.count - 1)] }

    var previous: Token { tokens[max(0, min(index - 1, tokens.count - 1))] }

    var atStatementEnd: Bool {
        switch peek.kind {
        case .newline, .end: true
        default: false
        }
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = peek
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    mutating func accept(_ symbol: Symbol) -> Bool {
        guard peek.kind == .symbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func accept(_ keyword: Keyword) -> Bool {
        guard peek.kind == .keyword(keyword) else { return false }
        advance()
        return true
    }

    mutating func skipNewlines() {
        while case .newline = peek.kind { advance() }
    }

    func unexpected(_ token: Token) -> Diagnostic {
        Diagnostic(.syntax, "unexpected \(token.kind.description)", at: token.span)
    }

    /// Counts one level of nesting; pair with `depth -= 1`.
    mutating func enter() throws(Diagnostic) {
        depth += 1
        if depth > Parser.maximumDepth {
            throw Diagnostic(
                .syntax, "expression is nested too deeply", at: peek.span,
                help: "split it into several statements with names for the parts")
        }
    }
}
