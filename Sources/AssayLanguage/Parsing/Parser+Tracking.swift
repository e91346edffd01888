// Tracking syntax: `runs`, `run ID`, `compare runs A, B`.

extension Parser {
    /// Words that start a tracking form.
    static let trackingWords = ["runs", "run", "compare"]

    mutating func tracking() throws(Diagnostic) -> Expression {
        let start = advance()
        guard case .name(let word) = start.kind else { throw unexpected(start) }
        switch word {
        case "runs":
            return Expression(.runs(try runsQuery()), span: start.span.through(previous.span))
        case "run":
            guard !atStatementEnd else {
                throw Diagnostic(
                    .syntax, "`run` needs the id of a run", at: peek.span,
                    help: "write `run \"4f2a9c\"` with an id that `runs` shows")
            }
            let id = try postfixExpression()
            return Expression(.run(id), span: start.span.through(previous.span))
        default:
            guard acceptWord("runs") else {
                throw Diagnostic(
                    .syntax, "expected `runs` after `compare`, found \(peek.kind.description)", at: peek.span,
                    help: "write `compare runs \"4f2a9c\", \"b71e03\"`")
            }
            guard !atStatementEnd else {
                throw Diagnostic(
                    .syntax, "`compare runs` needs the ids of the runs to compare", at: peek.span,
                    help: "write `compare runs \"4f2a9c\", \"b71e03\"`")
            }
            let ids = try commaSeparated { (p: inout Parser) throws(Diagnostic) in try p.postfixExpression() }
            return Expression(.compareRuns(ids), span: start.span.through(previous.span))
        }
    }

    private mutating func runsQuery() throws(Diagnostic) -> RunsQuerySyntax {
        var query = RunsQuerySyntax()
        var seen: [String] = []
        let usage = "write `runs [where EXPR] [order by FIELD [asc|desc]] [limit N]`"
        while case .name(let word) = peek.kind, !peek.isQuoted, RunsQuerySyntax.clauses.contains(word) {
            let keyword = advance()
            if seen.contains(word) { throw Diagnostic(.syntax, "clause `\(word)` is given twice", at: keyword.span) }
            if let later = seen.first(where: { RunsQuerySyntax.clauses.firstIndex(of: $0) ?? 0 > RunsQuerySyntax.clauses.firstIndex(of: word) ?? 0 }) {
                throw Diagnostic(.syntax, "`\(word)` must come before `\(later)`", at: keyword.span, help: usage)
            }
            seen.append(word)
            switch word {
            case "where":
                query.filter = try operandExpression()
            case "order":
                guard acceptWord("by") else {
                    throw Diagnostic(.syntax, "expected `by` after `order`, found \(peek.kind.description)", at: peek.span, help: usage)
                }
                query.order = try postfixExpression()
                if acceptWord("desc") {
                    query.descending = true
                } else {
                    _ = acceptWord("asc")
                }
            default:
                query.limit = try additiveExpression()
            }
        }
        if case .name(let word) = peek.kind, !peek.isQuoted, word != "to" {
            throw Diagnostic.unknown(
                "clause", word, at: peek.span, among: RunsQuerySyntax.clauses.filter { !seen.contains($0) }, kind: .syntax,
                otherwise: usage)
        }
        return query
    }
}
