// Learning syntax: `fit`, `evaluate`, `predict`.

extension Parser {
    /// Words that start a learning form.
    static let learningWords = ["fit", "evaluate", "predict"]

    mutating func learning() throws(Diagnostic) -> Expression {
        let start = advance()
        guard case .name(let word) = start.kind else { throw unexpected(start) }
        let form: LearningForm
        switch word {
        case "fit":
            let pipeline = try expression()
            let data = try onData(after: "fit", usage: "fit PIPELINE on DATA target COL")
            guard acceptWord("target") else {
                throw Diagnostic(
                    .syntax, "expected `target` and the column to predict, found \(peek.kind.description)", at: peek.span,
                    help: "write `fit PIPELINE on DATA target COL`")
            }
            let target = try columnName(after: "target")
            var clauses: [LearningClause] = []
            while case .name(let keyword) = peek.kind, !peek.isQuoted {
                guard LearningForm.fitClauses.contains(keyword) else {
                    throw Diagnostic.unknown(
                        "clause", keyword, at: peek.span, among: LearningForm.fitClauses, kind: .syntax,
                        otherwise: "write `fit PIPELINE on DATA target COL [cv K | holdout R] [seed S] [parallel P]`")
                }
                let name = Identifier(keyword, span: advance().span)
                if clauses.contains(where: { $0.keyword.name == keyword }) {
                    throw Diagnostic(.syntax, "clause `\(keyword)` is given twice", at: name.span)
                }
                if let other = clauses.first(where: { ["cv", "holdout"].contains($0.keyword.name) }), ["cv", "holdout"].contains(keyword) {
                    throw Diagnostic(
                        .syntax, "`\(keyword)` and `\(other.keyword.name)` cannot both validate one fit", at: name.span,
                        help: "choose cross-validation (`cv 5`) or a held-out part (`holdout 0.2`)")
                }
                clauses.append(LearningClause(keyword: name, value: try additiveExpression()))
            }
            form = .fit(pipeline: pipeline, data: data, target: target, clauses: clauses)
        case "evaluate":
            let model = try postfixExpression()
            let data = try onData(after: "evaluate", usage: "evaluate MODEL on DATA [metrics M, ...]")
            var metrics: [Identifier] = []
            if acceptWord("metrics") {
                metrics = try commaSeparated { (p: inout Parser) throws(Diagnostic) in try p.columnName(after: "metrics") }
            }
            form = .evaluate(model: model, data: data, metrics: metrics)
        default:
            let model = try postfixExpression()
            let data = try onData(after: "predict", usage: "predict MODEL on DATA")
            form = .predict(model: model, data: data)
        }
        return Expression(.learning(form), span: start.span.through(previous.span))
    }

    private mutating func onData(after word: String, usage: String) throws(Diagnostic) -> Expression {
        guard acceptWord("on") else {
            throw Diagnostic(
                .syntax, "expected `on` and the data, found \(peek.kind.description)", at: peek.span,
                help: "write `\(usage)`")
        }
        return try postfixExpression()
    }
}
