import AssayFrame
import AssayLanguage
import AssayRender

extension Command {
    static let dataCommands = [describe, show, columns, save, export]

    /// `export MODEL to "trees.json" as shap`: a tree model in shap's custom tree format;
    /// `export runs ... to "URI"` copies runs (see `exportRuns`).
    static let export = Command(name: "export") { command, context throws(Diagnostic) in
        let expression = try command.expression("value")
        if case .runs = expression.kind { return try exportRuns(command, &context) }
        guard let clause = command.clause("to"), case .expression(let pathExpression)? = clause.operand else {
            throw Diagnostic(.needsDestination("export", usage: "export MODEL to \"trees.json\" as shap"), at: command.name.span)
        }
        guard command.clause("as") != nil else {
            throw Diagnostic(.exportNeedsFormat, at: command.name.span)
        }
        let path = try context.evaluator.string(pathExpression, what: "a file path")
        guard case .model(let model) = try context.evaluate(expression) else {
            throw Diagnostic(.exportNeedsModel, at: expression.span)
        }
        try Evaluator.exportShap(model, to: path, file: context.evaluator.file(path), at: pathExpression.span)
        context.output.stream(.stdout, "exported \(model.fitted.name) to \(path) in shap's tree format\n")
    }

    /// `describe DATA`: one row per column with its type, counts and statistics.
    static let describe = Command(name: "describe") { command, context throws(Diagnostic) in
        let expression = try command.expression("data")
        let data = try context.dataset(expression, for: "describe")
        let summaries = try context.evaluator.describe(data, at: expression.span)
        let table = Table(
            columns: [
                .init("column"), .init("type"), .init("count", alignment: .right), .init("missing", alignment: .right),
                .init("mean", alignment: .right), .init("std", alignment: .right), .init("min", alignment: .right),
                .init("25%", alignment: .right), .init("50%", alignment: .right), .init("75%", alignment: .right),
                .init("max", alignment: .right), .init("distinct", alignment: .right), .init("top"),
            ],
            rows: summaries.map { s in
                let n: (Double?) -> String = { $0.map(DatasetTable.number) ?? "" }
                return [
                    s.name, s.type.rawValue, String(s.count), String(s.missing), n(s.mean), n(s.std), n(s.min), n(s.q25),
                    n(s.median), n(s.q75), n(s.max), String(s.distinct),
                    s.top.map { ScalarText.truncated($0, to: 20) + " (\(s.topCount))" } ?? "",
                ]
            },
            footer: Command.caption(data, summaries))
        context.display(table.rendering)
    }

    /// `show DATA [limit N]`: the table, with N rows at most.
    static let show = Command(name: "show") { command, context throws(Diagnostic) in
        let expression = try command.expression("data")
        let data = try context.dataset(expression, for: "show")
        var rows = context.state.settings.rows
        if let clause = command.clause("limit"), case .expression(let limit)? = clause.operand {
            rows = try context.evaluator.wholeNumber(limit, what: "`limit`", minimum: 1)
        }
        context.display(try context.evaluator.engineWork(at: expression.span) { () throws(EngineError) in try data.shownRendering(rows: rows) })
    }

    /// `columns DATA`: each column's name and type.
    static let columns = Command(name: "columns") { command, context throws(Diagnostic) in
        let expression = try command.expression("data")
        let data = try context.dataset(expression, for: "columns")
        let summaries = try context.evaluator.describe(data, at: expression.span)
        let table = Table(
            columns: [.init("column"), .init("type"), .init("missing", alignment: .right), .init("distinct", alignment: .right)],
            rows: summaries.map { [$0.name, $0.type.rawValue, String($0.missing), String($0.distinct)] },
            footer: Command.caption(data, summaries))
        context.display(table.rendering)
    }

    /// `save DATASET to "file.csv"`.
    static let save = Command(name: "save") { command, context throws(Diagnostic) in
        let expression = try command.expression("value")
        if let tableClause = command.clause("table"), case .expression(let nameExpression)? = tableClause.operand {
            guard command.clause("to") != nil else {
                throw Diagnostic(.needsDestination("save", usage: "save DATA to table \"NAME\""), at: tableClause.keyword.span)
            }
            let name = try context.evaluator.string(nameExpression, what: "a table's name")
            let data = try context.dataset(expression, for: "save")
            let evaluator = context.evaluator
            let engine = evaluator.engines.engine(for: data)
            try evaluator.engineWork(at: nameExpression.span) { () throws(EngineError) in try engine.write(data, toTable: name) }
            context.output.stream(.stdout, "saved \(name) as a table of the \(engine.name) engine\n")
            return
        }
        guard let clause = command.clause("to"), case .expression(let pathExpression)? = clause.operand else {
            throw Diagnostic(.needsDestination("save", usage: "save DATA to \"file.csv\""), at: command.name.span)
        }
        let path = try context.evaluator.string(pathExpression, what: "a file path")
        if case .model(let model) = try context.evaluate(expression) {
            try Evaluator.saveModel(model, to: path, file: context.evaluator.file(path), at: pathExpression.span)
            context.output.stream(.stdout, "saved model \(model.fitted.name) to \(path)\n")
            return
        }
        let data = try context.dataset(expression, for: "save")
        let evaluator = context.evaluator
        let engine = evaluator.engines.engine(for: data)
        try evaluator.engineWork(at: pathExpression.span) { () throws(EngineError) in try engine.write(data, to: evaluator.file(path)) }
        context.output.stream(.stdout, "saved \(data.caption) to \(path)\n")
    }
}

extension Command {
    /// "150 rows × 5 columns", with a remote table's row count taken from its column summaries.
    static func caption(_ data: TableRef, _ summaries: [ColumnSummary]) -> String {
        guard case .remote = data else { return data.caption }
        let r = summaries.first.map { $0.count + $0.missing } ?? 0, c = summaries.count
        return "\(r) row\(r == 1 ? "" : "s") × \(c) column\(c == 1 ? "" : "s")"
    }
}

extension CommandContext {
    /// Evaluates an operand that must be a dataset.
    func dataset(_ expression: Expression, for command: String) throws(Diagnostic) -> TableRef {
        let value = try evaluate(expression)
        guard let data = value.asTable else {
            throw Diagnostic(.needsDataset(command, found: value.typeName), at: expression.span)
        }
        return data
    }
}
