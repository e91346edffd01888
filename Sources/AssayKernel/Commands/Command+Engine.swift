import AssayLanguage

extension Command {
    static let engineCommands = [engine]

    /// `engine` shows where tables live; `engine spark "URI"` connects a Spark cluster through
    /// Spark Connect and makes it the session's engine; `engine local` goes back to the kernel.
    static let engine = Command(name: "engine") { command, context throws(Diagnostic) in
        let evaluator = context.evaluator
        guard case .word(let kind)? = command["kind"] else {
            if let uri = command["uri"] {
                throw Diagnostic(.expected("`spark` or `local` before the address", found: "an expression", usage: "engine spark \"sc://HOST:15002\""), at: uri.span)
            }
            let engine = context.state.engines.current
            let summary = try evaluator.engineWork(at: command.name.span) { () throws(EngineError) in try engine.summary() }
            context.output.stream(.stdout, "engine: \(summary)\n")
            return
        }
        switch kind.name {
        case "local":
            if let uri = command["uri"] {
                throw Diagnostic(.unexpectedInCommand(found: "an address", command: "engine local", usage: "engine local"), at: uri.span)
            }
            context.state.engines.current = context.state.engines.local
            context.output.stream(.stdout, "engine: local (new tables are in the kernel)\n")
        default:
            guard case .expression(let uriExpression)? = command["uri"] else {
                throw Diagnostic(.missingOperand("engine spark", needs: "\"sc://HOST:PORT\"", usage: "engine spark \"sc://HOST:15002\""), at: kind.span)
            }
            let uri = try evaluator.string(uriExpression, what: "a Spark Connect address")
            let cell = context.state.engines.cell
            let spark = try evaluator.engineWork(at: uriExpression.span) { () throws(EngineError) in
                try SparkEngine.connect(uri: uri, cell: cell)
            }
            context.state.engines.current = spark
            let summary = try evaluator.engineWork(at: uriExpression.span) { () throws(EngineError) in try spark.summary() }
            context.output.stream(.stdout, "engine: \(summary)\n")
        }
    }
}
