import AssayLanguage
import JupyterKernel

/// Runs the statements of one cell or script, in order, each one all or nothing.
struct CellExecution {
    let session: Session
    let source: SourceText
    let output: any OutputSink
    let cancellation: CancellationToken
    /// `cell N` or the script's name, as diagnostics show it.
    let origin: String
    /// Silent requests run without publishing values.
    var silent = false

    func run() -> ExecuteOutcome {
        var payloads: [JSON] = []
        session.tracker.beginCell()
        session.state.engines.cell.begin(
            cancellation: cancellation, output: output, progressAfter: .seconds(session.state.settings.progressAfter))
        do throws(Diagnostic) {
            let statements = try Parser.parse(source)
            for (index, statement) in statements.enumerated() {
                if cancellation.isCancelled { throw Diagnostic.interrupted(at: statement.span) }
                payloads += try run(statement, isLast: index == statements.count - 1)
            }
        } catch {
            return .error(ExecutionError(error, source: source, origin: origin))
        }
        return .ok(payload: payloads)
    }

    /// Runs one statement on a draft of the session state and keeps the draft only on success.
    private func run(_ statement: Statement, isLast: Bool) throws(Diagnostic) -> [JSON] {
        var context = CommandContext(
            state: session.state, output: output, cancellation: cancellation, tracker: session.tracker, code: source.text,
            workingDirectory: session.workingDirectory)
        switch statement.kind {
        case .bind(let targets, let expression):
            let value = try context.evaluate(expression)
            try bind(targets, to: value, from: expression, in: &context.state)
        case .expression(let expression):
            let value = try context.evaluate(expression)
            if !silent {
                let rows = context.state.settings.rows
                // A remote table runs its plan to be shown; a failure there is the cell's error.
                let bundle =
                    if case .dataset(let table) = value {
                        try context.evaluator.engineWork(at: expression.span) { () throws(EngineError) in try table.shownRendering(rows: rows) }.bundle
                    } else { value.rendering(rows: rows).bundle }
                if isLast { output.executeResult(bundle) } else { output.display(bundle) }
                for chart in value.charts { output.display(chart) }
            }
        case .command(let command):
            guard let handler = Command.all[command.name.name] else {
                throw Diagnostic(.commandNotAvailable(command.name.name), at: command.name.span)
            }
            try handler.run(command, &context)
        case .pagedHelp(let topic):
            try Command.pagedHelp(topic, &context)
        }
        session.state = context.state
        return context.payloads
    }

    private func bind(_ targets: [Identifier], to value: Value, from expression: Expression, in state: inout Session.State)
        throws(Diagnostic)
    {
        guard targets.count > 1 else {
            if let target = targets.first { state.bindings[target.name] = value }
            return
        }
        guard case .list(let elements) = value else {
            throw Diagnostic(.bindNeedsList(found: value.typeName, names: targets.count), at: expression.span)
        }
        guard elements.count == targets.count else {
            throw Diagnostic(.bindCount(elements.count, names: targets.count), at: expression.span)
        }
        for (target, element) in zip(targets, elements) {
            state.bindings[target.name] = element
        }
    }
}
