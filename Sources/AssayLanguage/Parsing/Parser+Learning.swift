// Learning syntax: `fit`, `evaluate`, `predict`.

extension Parser {
    /// Words that start a learning form.
    static let learningWords = ["fit", "evaluate", "predict", "tune", "importance", "shap"]

    mutating func learning() throws(Diagnostic) -> Expression {
        let start = advance()
        guard case .name(let word) = start.kind else { throw unexpected(start) }
        let form: LearningForm
        switch word {
        case "fit", "tune":
            let usage = word == "fit"
                ? "fit PIPELINE on DATA target COL [cv K | holdout R] [seed S] [parallel P]"
                : "tune PIPELINE on DATA target COL [metric M] [search tpe|random|grid] [trials N] [parallel P] [cv K | holdout R] [seed S] [stop after N]"
            let allowed = word == "fit" ? LearningForm.fitClauses : LearningForm.tuneClauses
            let pipeline = try expression()
            let data = try onData(after: word, usage: "\(word) PIPELINE on DATA target COL")
            guard acceptWord("target") else {
                throw Diagnostic(
                    .expected("`target` and the column to predict", found: peek.kind.description, usage: "\(word) PIPELINE on DATA target COL"),
                    at: peek.span)
            }
            let target = try columnName(after: "target")
            var clauses: [LearningClause] = []
            while case .name(let keyword) = peek.kind, !peek.isQuoted {
                guard allowed.contains(keyword) else {
                    throw Diagnostic(.unknownClause(keyword, among: allowed, usage: usage), at: peek.span)
                }
                let name = Identifier(keyword, span: advance().span)
                if clauses.contains(where: { $0.keyword.name == keyword }) {
                    throw Diagnostic(.repeatedClause(keyword), at: name.span)
                }
                if let other = clauses.first(where: { ["cv", "holdout"].contains($0.keyword.name) }), ["cv", "holdout"].contains(keyword) {
                    throw Diagnostic(.conflictingValidation(keyword, other.keyword.name), at: name.span)
                }
                if keyword == "stop", !acceptWord("after") {
                    throw Diagnostic(.expected("`after` and a number of trials", found: nil, usage: "stop after 10"), at: peek.span)
                }
                if keyword == "metric" || keyword == "search" {
                    // A word (`metric f1`, `search tpe`), kept as a name for the evaluator to check.
                    let value = try columnName(after: keyword)
                    clauses.append(LearningClause(keyword: name, value: Expression(.name(value.name), span: value.span)))
                } else {
                    clauses.append(LearningClause(keyword: name, value: try additiveExpression()))
                }
            }
            form = word == "fit"
                ? .fit(pipeline: pipeline, data: data, target: target, clauses: clauses)
                : .tune(pipeline: pipeline, data: data, target: target, clauses: clauses)
        case "evaluate":
            let model = try postfixExpression()
            let data = try onData(after: "evaluate", usage: "evaluate MODEL on DATA [metrics M, ...]")
            var metrics: [Identifier] = []
            if acceptWord("metrics") {
                metrics = try commaSeparated { (p: inout Parser) throws(Diagnostic) in try p.columnName(after: "metrics") }
            }
            form = .evaluate(model: model, data: data, metrics: metrics)
        case "importance":
            let model = try postfixExpression()
            var data: Expression?
            var clauses: [LearningClause] = []
            while case .name(let keyword) = peek.kind, !peek.isQuoted, LearningForm.importanceClauses.contains(keyword) {
                let name = Identifier(keyword, span: advance().span)
                if keyword == "on" {
                    data = try postfixExpression()
                } else if keyword == "method" {
                    let value = try columnName(after: "method")
                    clauses.append(LearningClause(keyword: name, value: Expression(.name(value.name), span: value.span)))
                } else {
                    clauses.append(LearningClause(keyword: name, value: try additiveExpression()))
                }
            }
            form = .importance(model: model, data: data, clauses: clauses)
        case "shap":
            let model = try postfixExpression()
            let data = try onData(after: "shap", usage: "shap MODEL on DATA [limit N] [row I] [background N] [class \"x\"]")
            var clauses: [LearningClause] = []
            while case .name(let keyword) = peek.kind, !peek.isQuoted, LearningForm.shapClauses.contains(keyword) {
                let name = Identifier(keyword, span: advance().span)
                if clauses.contains(where: { $0.keyword.name == keyword }) {
                    throw Diagnostic(.repeatedClause(keyword), at: name.span)
                }
                clauses.append(LearningClause(keyword: name, value: try additiveExpression()))
            }
            form = .shap(model: model, data: data, clauses: clauses)
        default:
            let model = try postfixExpression()
            let data = try onData(after: "predict", usage: "predict MODEL on DATA")
            form = .predict(model: model, data: data)
        }
        return Expression(.learning(form), span: start.span.through(previous.span))
    }

    private mutating func onData(after word: String, usage: String) throws(Diagnostic) -> Expression {
        guard acceptWord("on") else {
            throw Diagnostic(.expected("`on` and the data", found: peek.kind.description, usage: usage), at: peek.span)
        }
        return try postfixExpression()
    }
}
