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
                throw Diagnostic(.runNeedsID, at: peek.span)
            }
            let id = try postfixExpression()
            return Expression(.run(id), span: start.span.through(previous.span))
        default:
            guard acceptWord("runs") else {
                throw Diagnostic(.expected("`runs` after `compare`", found: peek.kind.description, usage: "compare runs \"4f2a9c\", \"b71e03\""), at: peek.span)
            }
            guard !atStatementEnd else {
                throw Diagnostic(.compareNeedsIDs, at: peek.span)
            }
            let ids = try commaSeparated { (p: inout Parser) throws(Diagnostic) in try p.postfixExpression() }
            return Expression(.compareRuns(ids), span: start.span.through(previous.span))
        }
    }

    private mutating func runsQuery() throws(Diagnostic) -> RunsQuerySyntax {
        var query = RunsQuerySyntax()
        var seen: [String] = []
        let usage = "runs [where EXPR] [order by FIELD [asc|desc]] [limit N]"
        while case .name(let word) = peek.kind, !peek.isQuoted, RunsQuerySyntax.clauses.contains(word) {
            let keyword = advance()
            if seen.contains(word) { throw Diagnostic(.repeatedClause(word), at: keyword.span) }
            if let later = seen.first(where: { RunsQuerySyntax.clauses.firstIndex(of: $0) ?? 0 > RunsQuerySyntax.clauses.firstIndex(of: word) ?? 0 }) {
                throw Diagnostic(.clauseOrder(word, before: later, usage: usage), at: keyword.span)
            }
            seen.append(word)
            switch word {
            case "where":
                query.filter = try operandExpression()
            case "order":
                guard acceptWord("by") else {
                    throw Diagnostic(.expected("`by` after `order`", found: peek.kind.description, usage: usage), at: peek.span)
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
            throw Diagnostic(.unknownClause(word, among: RunsQuerySyntax.clauses.filter { !seen.contains($0) }, usage: usage), at: peek.span)
        }
        return query
    }
}
