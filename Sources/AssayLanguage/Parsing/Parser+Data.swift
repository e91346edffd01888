// Data syntax: `load` sources, `split`, and the steps after `|`.

extension Parser {
    /// Words that start an expression form and so cannot be bound as names.
    static let expressionWords = ["load", "split"] + engineWords + learningWords + trackingWords

    /// Words that move a dataset between engines.
    static let engineWords = ["collect", "upload"]

    /// `collect DATA [limit N]` and `upload DATA`.
    mutating func transfer() throws(Diagnostic) -> Expression {
        let start = advance()
        let isUpload = start.kind == .name("upload")
        guard !atStatementEnd else {
            throw Diagnostic(
                .missingOperand(isUpload ? "upload" : "collect", needs: "DATA", usage: isUpload ? "upload DATA" : "collect DATA [limit N]"),
                at: peek.span)
        }
        let data = try postfixExpression()
        if isUpload {
            return Expression(.upload(data), span: start.span.through(previous.span))
        }
        let limit = acceptWord("limit") ? try additiveExpression() : nil
        return Expression(.collect(data, limit: limit), span: start.span.through(previous.span))
    }

    /// `expr | step | step ...`: the loosest binding of all.
    mutating func pipeline() throws(Diagnostic) -> Expression {
        var input = try operandExpression()
        while peek.kind == .symbol(.pipe) {
            try enter()
            advance()
            let step = try pipeStep()
            input = Expression(.pipe(input, step), span: input.span.through(step.span))
        }
        return input
    }

    /// Tokens that may follow a stage given by name: the end of the step or of the pipeline.
    static func endsStageReference(_ token: Token) -> Bool {
        switch token.kind {
        case .newline, .end, .symbol(.pipe), .symbol(.rightParen), .symbol(.rightBracket), .symbol(.comma), .symbol(.leftParen),
            .symbol(.dot):
            return true
        case .name(let word): return !token.isQuoted && word == "on"
        default: return false
        }
    }

    mutating func pipeStep() throws(Diagnostic) -> PipeStep {
        let token = peek
        // `derive(NAME = EXPR)` is the stage; `derive NAME = EXPR` the data operation.
        let isStageCall = index + 1 < tokens.count && tokens[index + 1].kind == .symbol(.leftParen)
        guard case .name(let word) = token.kind, !token.isQuoted, PipeStep.operations.contains(word),
            !(word == "derive" && isStageCall)
        else {
            // A lone name is a bound stage or pipeline (`prep | model`); a name followed by more
            // words is most likely a misspelled data operation.
            if case .name(let word) = token.kind, !token.isQuoted,
                index + 1 < tokens.count, !Parser.endsStageReference(tokens[index + 1])
            {
                throw Diagnostic(.unknownDataOperation(word, among: PipeStep.operations), at: token.span)
            }
            let stage = try operandExpression()
            return PipeStep(.stage(stage), keyword: nil, span: stage.span)
        }
        let keyword = Identifier(word, span: advance().span)
        let kind: PipeStep.Kind
        switch word {
        case "where":
            kind = .filter(try operandExpression())
        case "derive":
            kind = .derive(try commaSeparated { (p: inout Parser) throws(Diagnostic) in
                let name = try p.columnName(after: "derive")
                try p.expect(.assign) { .expected("`=` after the new column's name", found: $0, usage: "derive NAME = EXPR") }
                return (name, try p.operandExpression())
            })
        case "select", "drop":
            let columns = try commaSeparated { (p: inout Parser) throws(Diagnostic) in try p.columnName(after: word) }
            kind = word == "select" ? .select(columns) : .drop(columns)
        case "rename":
            kind = .rename(try commaSeparated { (p: inout Parser) throws(Diagnostic) in
                let old = try p.columnName(after: "rename")
                guard p.acceptWord("as") else {
                    throw Diagnostic(.expected("`as` after `\(old.name)`", found: p.peek.kind.description, usage: "rename OLD as NEW"), at: p.peek.span)
                }
                return (old, try p.columnName(after: "as"))
            })
        case "sort":
            kind = .sort(try commaSeparated { (p: inout Parser) throws(Diagnostic) in
                let column = try p.columnName(after: "sort")
                if p.acceptWord("desc") { return (column, true) }
                _ = p.acceptWord("asc")
                return (column, false)
            })
        case "head":
            kind = .head(try additiveExpression())
        case "tail":
            kind = .tail(try additiveExpression())
        case "sample":
            let amount = try additiveExpression()
            kind = .sample(amount, seed: acceptWord("seed") ? try additiveExpression() : nil)
        case "dropna", "distinct":
            var columns: [Identifier] = []
            if !atStepEnd {
                columns = try commaSeparated { (p: inout Parser) throws(Diagnostic) in try p.columnName(after: word) }
            }
            kind = word == "dropna" ? .dropMissing(columns) : .distinct(columns)
        case "group":
            let keys = try commaSeparated { (p: inout Parser) throws(Diagnostic) in try p.columnName(after: "group") }
            guard acceptWord("aggregate") else {
                throw Diagnostic(
                    .expected("`aggregate` after the group's columns", found: peek.kind.description, usage: "group COLS aggregate NAME = AGG(COL), ..."),
                    at: peek.span)
            }
            kind = .group(keys: keys, aggregations: try commaSeparated { (p: inout Parser) throws(Diagnostic) in try p.aggregation() })
        case "join":
            let other = try postfixExpression()
            guard acceptWord("on") else {
                throw Diagnostic(.expected("`on` and the key columns", found: peek.kind.description, usage: "join OTHER on KEYS [left|inner]"), at: peek.span)
            }
            let keys = try commaSeparated { (p: inout Parser) throws(Diagnostic) in try p.columnName(after: "on") }
            var joinKind: Identifier?
            if case .name(let k) = peek.kind, k == "left" || k == "inner" { joinKind = Identifier(k, span: advance().span) }
            kind = .join(other, on: keys, kind: joinKind)
        default:
            throw Diagnostic(.unknownDataOperation(word, among: []), at: keyword.span)
        }
        return PipeStep(kind, keyword: keyword, span: keyword.span.through(previous.span))
    }

    private mutating func aggregation() throws(Diagnostic) -> PipeStep.Aggregation {
        let name = try columnName(after: "aggregate")
        try expect(.assign) { .aggregateNeedsName(found: $0) }
        guard case .name(let function) = peek.kind else {
            throw Diagnostic(.expected("an aggregate such as `mean(COL)`", found: peek.kind.description), at: peek.span)
        }
        let functionName = Identifier(function, span: advance().span)
        try expect(.leftParen) { .expected("`(` after `\(function)`", found: $0, usage: "\(function)(COL)") }
        var column: Identifier?
        if peek.kind != .symbol(.rightParen) { column = try columnName(after: "(") }
        try expect(.rightParen) { .aggregateTakesOneColumn(function, found: $0) }
        return PipeStep.Aggregation(name: name, function: functionName, column: column)
    }

    // MARK: load and split

    /// `load "file" [sep S] [types {...}]`, `load sample NAME`, `load synthetic TASK SETTING VALUE ...`.
    mutating func load() throws(Diagnostic) -> Expression {
        let start = advance()
        if case .name(let word) = peek.kind, !peek.isQuoted, word == "sample" {
            advance()
            let name = try additiveExpression()
            return Expression(.load(.sample(name: name)), span: start.span.through(previous.span))
        }
        if case .name(let word) = peek.kind, !peek.isQuoted, word == "model" {
            advance()
            let path = try additiveExpression()
            return Expression(.load(.model(path: path)), span: start.span.through(previous.span))
        }
        if case .name(let word) = peek.kind, !peek.isQuoted, word == "table" || word == "sql" {
            advance()
            let text = try additiveExpression()
            let source: LoadSource = word == "table" ? .table(name: text) : .sql(query: text)
            return Expression(.load(source), span: start.span.through(previous.span))
        }
        if case .name(let word) = peek.kind, !peek.isQuoted, word == "run" {
            advance()
            let id = try postfixExpression()
            return Expression(.load(.run(id: id)), span: start.span.through(previous.span))
        }
        if case .name(let word) = peek.kind, !peek.isQuoted, word == "synthetic" {
            advance()
            guard case .name(let task) = peek.kind else {
                throw Diagnostic(
                    .expected(
                        "`classification` or `regression` after `synthetic`", found: peek.kind.description,
                        usage: "load synthetic classification rows 1000 features 10 seed 1"),
                    at: peek.span)
            }
            let taskName = Identifier(task, span: advance().span)
            var settings: [(name: Identifier, value: Expression)] = []
            while case .name(let setting) = peek.kind, !peek.isQuoted {
                let name = Identifier(setting, span: advance().span)
                if settings.contains(where: { $0.name.name == setting }) {
                    throw Diagnostic(.repeatedSetting(setting), at: name.span)
                }
                settings.append((name, try additiveExpression()))
            }
            return Expression(.load(.synthetic(task: taskName, settings: settings)), span: start.span.through(previous.span))
        }
        let path = try additiveExpression()
        var separator: Expression?
        var types: [(column: Identifier, type: Identifier)] = []
        while true {
            if separator == nil, acceptWord("sep") {
                separator = try additiveExpression()
            } else if types.isEmpty, acceptWord("types") {
                types = try typeMap()
            } else {
                break
            }
        }
        return Expression(.load(.file(path: path, separator: separator, types: types)), span: start.span.through(previous.span))
    }

    /// `{col: string, other: number}`
    private mutating func typeMap() throws(Diagnostic) -> [(column: Identifier, type: Identifier)] {
        let open = peek
        try expect(.leftBrace) { .expected("`{` after `types`", found: $0, usage: "types {zip: string}") }
        var entries: [(column: Identifier, type: Identifier)] = []
        while peek.kind != .symbol(.rightBrace) {
            let column = try columnName(after: "{")
            try expect(.colon) { .expected("`:` after `\(column.name)`", found: $0, usage: "types {\(column.name): string}") }
            guard case .name(let type) = peek.kind else {
                throw Diagnostic(.expected("a type (`number`, `string` or `bool`)", found: peek.kind.description), at: peek.span)
            }
            entries.append((column, Identifier(type, span: advance().span)))
            if !accept(.comma) { break }
        }
        if !accept(.rightBrace) {
            throw Diagnostic(.expected("`,` or `}`", found: peek.kind.description), at: peek.span == open.span ? open.span : peek.span)
        }
        return entries
    }

    /// `split DATA F1[, F2, ...] [stratify COL] [seed S]`
    mutating func split() throws(Diagnostic) -> Expression {
        let start = advance()
        let data = try postfixExpression()
        var fractions = [try additiveExpression()]
        while accept(.comma) { fractions.append(try additiveExpression()) }
        var stratify: Identifier?
        var seed: Expression?
        while true {
            if stratify == nil, acceptWord("stratify") {
                stratify = try columnName(after: "stratify")
            } else if seed == nil, acceptWord("seed") {
                seed = try additiveExpression()
            } else {
                break
            }
        }
        return Expression(.split(data, fractions: fractions, stratify: stratify, seed: seed), span: start.span.through(previous.span))
    }

    // MARK: Pieces

    /// A column name: a name or a backticked name.
    mutating func columnName(after context: String) throws(Diagnostic) -> Identifier {
        guard case .name(let name) = peek.kind else {
            throw Diagnostic(.expected("a column name after `\(context)`", found: peek.kind.description), at: peek.span)
        }
        return Identifier(name, span: advance().span)
    }

    mutating func commaSeparated<T>(_ item: (inout Parser) throws(Diagnostic) -> T) throws(Diagnostic) -> [T] {
        var items = [try item(&self)]
        while accept(.comma) { items.append(try item(&self)) }
        return items
    }

    mutating func acceptWord(_ word: String) -> Bool {
        guard case .name(let name) = peek.kind, !peek.isQuoted, name == word else { return false }
        advance()
        return true
    }

    /// Takes `symbol`, or raises the reason made from what was found instead.
    mutating func expect(_ symbol: Symbol, orElse reason: (_ found: String) -> Diagnostic.Reason) throws(Diagnostic) {
        guard accept(symbol) else {
            throw Diagnostic(reason(peek.kind.description), at: peek.span)
        }
    }

    var atStepEnd: Bool {
        switch peek.kind {
        case .newline, .end, .symbol(.pipe), .symbol(.rightParen), .symbol(.rightBracket): true
        default: false
        }
    }
}
