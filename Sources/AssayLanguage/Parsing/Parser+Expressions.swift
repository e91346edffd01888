// Precedence, loosest first: or, and, not, comparisons (== != < <= > >= in, not in, is null),
// + -, * / %, unary -, ^ (right-associative, so -2^2 is -(2^2)), member access.

extension Parser {
    mutating func expression() throws(Diagnostic) -> Expression {
        try enter()
        defer { depth -= 1 }
        return try pipeline()
    }

    /// An expression without `|` steps: the operand of a data operation or a clause.
    mutating func operandExpression() throws(Diagnostic) -> Expression {
        try enter()
        defer { depth -= 1 }
        return try disjunction()
    }

    /// Arithmetic without comparisons or logic: clause values such as `seed 42`, `head 10`.
    mutating func additiveExpression() throws(Diagnostic) -> Expression {
        try enter()
        defer { depth -= 1 }
        return try additive()
    }

    /// A name, literal, call, parenthesized expression or member: the input of `split`, `join`.
    mutating func postfixExpression() throws(Diagnostic) -> Expression {
        try enter()
        defer { depth -= 1 }
        return try postfix()
    }

    private mutating func disjunction() throws(Diagnostic) -> Expression {
        let saved = depth
        defer { depth = saved }
        var lhs = try conjunction()
        while peek.kind == .keyword(.or) {
            try enter()
            let op = advance()
            let rhs = try conjunction()
            lhs = binary(.or, lhs, rhs, op.span)
        }
        return lhs
    }

    private mutating func conjunction() throws(Diagnostic) -> Expression {
        let saved = depth
        defer { depth = saved }
        var lhs = try negation()
        while peek.kind == .keyword(.and) {
            try enter()
            let op = advance()
            let rhs = try negation()
            lhs = binary(.and, lhs, rhs, op.span)
        }
        return lhs
    }

    private mutating func negation() throws(Diagnostic) -> Expression {
        guard peek.kind == .keyword(.not) else { return try comparison() }
        try enter()
        defer { depth -= 1 }
        let op = advance()
        let operand = try negation()
        return Expression(.unary(.not, operand: operand), span: op.span.through(operand.span))
    }

    private mutating func comparison() throws(Diagnostic) -> Expression {
        let lhs = try additive()
        guard let result = try comparisonTail(lhs) else { return lhs }
        if let extra = comparisonOperatorAhead {
            throw Diagnostic(.chainedComparison, at: extra)
        }
        return result
    }

    /// The span of a comparison operator at the current token, if there is one.
    private var comparisonOperatorAhead: SourceSpan? {
        switch peek.kind {
        case .symbol(.equal), .symbol(.notEqual), .symbol(.less), .symbol(.lessEqual), .symbol(.greater),
            .symbol(.greaterEqual), .keyword(.in), .keyword(.is):
            return peek.span
        case .keyword(.not) where index + 1 < tokens.count && tokens[index + 1].kind == .keyword(.in):
            return peek.span
        default:
            return nil
        }
    }

    private mutating func comparisonTail(_ lhs: Expression) throws(Diagnostic) -> Expression? {
        let op: BinaryOperator
        let opToken = peek
        switch opToken.kind {
        case .symbol(.equal): op = .equal
        case .symbol(.notEqual): op = .notEqual
        case .symbol(.less): op = .less
        case .symbol(.lessEqual): op = .lessEqual
        case .symbol(.greater): op = .greater
        case .symbol(.greaterEqual): op = .greaterEqual
        case .keyword(.in): op = .in
        case .keyword(.not) where comparisonOperatorAhead != nil:
            advance()
            op = .notIn
        case .keyword(.is):
            advance()
            let negated = accept(.not)
            guard peek.kind == .keyword(.null) else {
                throw Diagnostic(.isNeedsNull(found: peek.kind.description), at: peek.span)
            }
            let null = advance()
            return Expression(.isNull(lhs, negated: negated), span: lhs.span.through(null.span))
        default:
            return nil
        }
        // `not in` spans both words.
        let opSpan = opToken.span.through(advance().span)
        let rhs = try additive()
        return binary(op, lhs, rhs, opSpan)
    }

    private mutating func additive() throws(Diagnostic) -> Expression {
        let saved = depth
        defer { depth = saved }
        var lhs = try multiplicative()
        while true {
            let op: BinaryOperator
            switch peek.kind {
            case .symbol(.plus): op = .add
            case .symbol(.minus): op = .subtract
            default: return lhs
            }
            try enter()
            let opToken = advance()
            let rhs = try multiplicative()
            lhs = binary(op, lhs, rhs, opToken.span)
        }
    }

    private mutating func multiplicative() throws(Diagnostic) -> Expression {
        let saved = depth
        defer { depth = saved }
        var lhs = try prefix()
        while true {
            let op: BinaryOperator
            switch peek.kind {
            case .symbol(.star): op = .multiply
            case .symbol(.slash): op = .divide
            case .symbol(.percent): op = .remainder
            default: return lhs
            }
            try enter()
            let opToken = advance()
            let rhs = try prefix()
            lhs = binary(op, lhs, rhs, opToken.span)
        }
    }

    private mutating func prefix() throws(Diagnostic) -> Expression {
        guard peek.kind == .symbol(.minus) else { return try power() }
        try enter()
        defer { depth -= 1 }
        let op = advance()
        let operand = try prefix()
        return Expression(.unary(.negate, operand: operand), span: op.span.through(operand.span))
    }

    private mutating func power() throws(Diagnostic) -> Expression {
        let base = try postfix()
        guard peek.kind == .symbol(.caret) else { return base }
        try enter()
        defer { depth -= 1 }
        let op = advance()
        let exponent = try prefix()
        return binary(.power, base, exponent, op.span)
    }

    private mutating func postfix() throws(Diagnostic) -> Expression {
        var expression = try primary()
        while peek.kind == .symbol(.dot) {
            advance()
            let token = peek
            guard case .name(let name) = token.kind else {
                throw Diagnostic(.expected("a member name after `.`", found: token.kind.description), at: token.span)
            }
            advance()
            expression = Expression(.member(expression, Identifier(name, span: token.span)), span: expression.span.through(token.span))
        }
        return expression
    }

    private mutating func primary() throws(Diagnostic) -> Expression {
        let token = peek
        switch token.kind {
        case .number(let value):
            advance()
            return Expression(.number(value), span: token.span)
        case .string(let value):
            advance()
            return Expression(.string(value), span: token.span)
        case .keyword(.true), .keyword(.false):
            advance()
            return Expression(.bool(token.kind == .keyword(.true)), span: token.span)
        case .keyword(.null):
            advance()
            return Expression(.null, span: token.span)
        case .name("load") where !token.isQuoted:
            return try load()
        case .name("split") where !token.isQuoted:
            return try split()
        case .name(let word) where !token.isQuoted && Parser.engineWords.contains(word):
            return try transfer()
        case .name(let word) where !token.isQuoted && Parser.learningWords.contains(word):
            return try learning()
        case .name(let word) where !token.isQuoted && Parser.trackingWords.contains(word):
            return try tracking()
        case .name(let name):
            advance()
            if peek.kind == .symbol(.leftParen) {
                return try call(Identifier(name, span: token.span))
            }
            return Expression(.name(name), span: token.span)
        case .symbol(.leftParen):
            advance()
            let inner = try expression()
            try close(.rightParen, opening: token, separated: false)
            return Expression(inner.kind, span: token.span.through(previous.span))
        case .symbol(.leftBracket):
            advance()
            var elements: [Expression] = []
            while peek.kind != .symbol(.rightBracket) {
                elements.append(try expression())
                if !accept(.comma) { break }
            }
            try close(.rightBracket, opening: token, separated: true)
            return Expression(.list(elements), span: token.span.through(previous.span))
        default:
            throw Diagnostic(.expected("an expression", found: token.kind.description), at: token.span)
        }
    }

    private mutating func call(_ callee: Identifier) throws(Diagnostic) -> Expression {
        let open = advance()
        var arguments: [Argument] = []
        while peek.kind != .symbol(.rightParen) {
            var label: Identifier?
            if case .name(let name) = peek.kind, index + 1 < tokens.count, tokens[index + 1].kind == .symbol(.assign) {
                label = Identifier(name, span: peek.span)
                advance()
                advance()
            }
            arguments.append(Argument(label: label, value: try expression()))
            if !accept(.comma) { break }
        }
        try close(.rightParen, opening: open, separated: true)
        return Expression(.call(callee, arguments: arguments), span: callee.span.through(previous.span))
    }

    private mutating func close(_ symbol: Symbol, opening: Token, separated: Bool) throws(Diagnostic) {
        if accept(symbol) { return }
        if case .end = peek.kind {
            throw Diagnostic(.unclosedBracket(opening.kind.description, closing: symbol.rawValue), at: opening.span)
        }
        let expected = separated ? "`,` or `\(symbol.rawValue)`" : "`\(symbol.rawValue)`"
        throw Diagnostic(.expected(expected, found: peek.kind.description), at: peek.span)
    }

    private func binary(_ op: BinaryOperator, _ lhs: Expression, _ rhs: Expression, _ opSpan: SourceSpan) -> Expression {
        Expression(.binary(op, lhs: lhs, rhs: rhs, operatorSpan: opSpan), span: lhs.span.through(rhs.span))
    }
}
