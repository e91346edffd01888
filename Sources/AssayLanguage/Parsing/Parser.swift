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
                throw Diagnostic(.expected("a name to bind", found: token.kind.description), at: token.span)
            }
            if !token.isQuoted, CommandSyntax.named(name) != nil || Parser.expressionWords.contains(name) {
                throw Diagnostic(.commandCannotBeBound(name), at: token.span)
            }
            if targets.contains(where: { $0.name == name }) {
                throw Diagnostic(.boundTwice(name), at: token.span)
            }
            targets.append(Identifier(name, span: token.span))
            advance()
            if accept(.comma) { continue }
            if accept(.assign) { break }
            throw Diagnostic(.bindingNeedsEquals(found: peek.kind.description), at: peek.span)
        }
        let value = try expression()
        return Statement(.bind(targets: targets, value: value), span: start.through(value.span))
    }

    private mutating func endOfStatement() throws(Diagnostic) {
        switch peek.kind {
        case .newline, .end: return
        case .symbol(.assign):
            throw Diagnostic(.cannotAssign, at: peek.span)
        default:
            throw Diagnostic(.unexpectedAfterStatement(found: peek.kind.description), at: peek.span)
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
                throw Diagnostic(.missingOperand(syntax.name, needs: operandSyntax.placeholder, usage: syntax.usage), at: peek.span)
            }
            operands.append((operandSyntax.label, try operand(operandSyntax, of: syntax)))
        }
        var clauses: [Clause] = []
        while let clauseSyntax = clauseSyntax(of: syntax) {
            let keyword = Identifier(clauseSyntax.keyword, span: advance().span)
            if clauses.contains(where: { $0.keyword.name == keyword.name }) {
                throw Diagnostic(.repeatedClause(keyword.name), at: keyword.span)
            }
            var operand: Operand?
            if let operandSyntax = clauseSyntax.operand,
                !(operandSyntax.isOptional && (atStatementEnd || self.clauseSyntax(of: syntax) != nil))
            {
                guard !atStatementEnd else {
                    throw Diagnostic(.missingOperand(keyword.name, needs: operandSyntax.placeholder, usage: syntax.usage), at: peek.span)
                }
                operand = try self.operand(operandSyntax, of: syntax)
            }
            clauses.append(Clause(keyword: keyword, operand: operand))
        }
        guard atStatementEnd else {
            if case .name(let word) = peek.kind, !syntax.clauses.isEmpty {
                throw Diagnostic(.unknownClause(word, among: syntax.clauses.map(\.keyword), usage: syntax.usage), at: peek.span)
            }
            throw Diagnostic(.unexpectedInCommand(found: peek.kind.description, command: syntax.name, usage: syntax.usage), at: peek.span)
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
                let article = noun.first.map { "aeiou".contains($0) } == true ? "an" : "a"
                throw Diagnostic(.expected("\(article) \(noun)", found: peek.kind.description, usage: syntax.usage), at: peek.span)
            }
            if let choices, !choices.contains(word.name) {
                throw Diagnostic(.unknownChoice(word.name, noun: noun, among: choices), at: word.span)
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
        Diagnostic(.unexpectedToken(found: token.kind.description), at: token.span)
    }

    /// Counts one level of nesting; pair with `depth -= 1`.
    mutating func enter() throws(Diagnostic) {
        depth += 1
        if depth > Parser.maximumDepth {
            throw Diagnostic(.nestedTooDeeply, at: peek.span)
        }
    }
}
