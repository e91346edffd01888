import AssayLanguage

extension Command {
    static let outputCommands = [
        Command(name: "print") { command, context throws(Diagnostic) in
            let value = try context.evaluate(try command.expression("value"))
            context.output.stream(.stdout, value.printText + "\n")
        },
        Command(name: "warn") { command, context throws(Diagnostic) in
            let value = try context.evaluate(try command.expression("value"))
            context.output.stream(.stderr, value.printText + "\n")
        },
        Command(name: "clear") { _, context throws(Diagnostic) in
            context.output.clearOutput(wait: false)
        },
    ]
}

extension CommandStatement {
    /// A required expression operand; the parser guarantees it, so its absence is a bug we report.
    func expression(_ label: String) throws(Diagnostic) -> Expression {
        guard case .expression(let expression) = self[label] else {
            throw Diagnostic(.missingValue(command: name.name, label: label), at: name.span)
        }
        return expression
    }
}
