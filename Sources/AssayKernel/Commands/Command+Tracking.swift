import AssayLanguage
import AssayRender
import AssayTracking
import Foundation

extension Command {
    static let trackingCommands = [experiment, track]

    /// `experiment "NAME"`: later runs go there. Alone: which experiment and store are in use.
    static let experiment = Command(name: "experiment") { command, context throws(Diagnostic) in
        guard let tracker = context.tracker else { return }
        guard case .expression(let expression) = command["name"] else {
            context.output.stream(.stdout, "experiment \(ScalarText.quoted(tracker.experimentName)) in \(tracker.location)\n")
            return
        }
        let name = try context.evaluator.string(expression, what: "an experiment name")
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Diagnostic(.experimentNeedsName, at: expression.span)
        }
        // A store that cannot be opened does not stop the notebook: the name is kept for when
        // it can, and the warning is the tracker's usual one.
        do throws(TrackingError) {
            let found = try tracker.select(experiment: name)
            context.output.stream(.stdout, "experiment \(ScalarText.quoted(found.name)) (id \(found.id)) in \(tracker.location)\n")
            tracker.reportNotes(output: context.output)
        } catch {
            tracker.warn(error, output: context.output)
        }
    }

    /// `track to "PATH_OR_URI" [token T] [user U password P]`: another SQLite file or an MLflow
    /// server, with this session's credentials for it. Alone: where runs go.
    static let track = Command(name: "track") { command, context throws(Diagnostic) in
        guard let tracker = context.tracker else { return }
        guard let clause = command.clause("to"), case .expression(let expression)? = clause.operand else {
            context.output.stream(.stdout, "runs go to \(tracker.location), experiment \(ScalarText.quoted(tracker.experimentName))\n")
            return
        }
        let text = try context.evaluator.string(expression, what: "a file path or an http(s):// address")
        var location = TrackingLocation(text, relativeTo: context.workingDirectory)
        func credential(_ keyword: String, _ what: String) throws(Diagnostic) -> String? {
            guard let clause = command.clause(keyword), case .expression(let value)? = clause.operand else { return nil }
            return try context.evaluator.string(value, what: what)
        }
        let session = MLflowAccess(
            token: try credential("token", "a token"), username: try credential("user", "a user name"),
            password: try credential("password", "a password"))
        if case .server(let uri, _) = location {
            location = .server(uri, session: session)
        }
        let experiment = try context.evaluator.tracking(at: expression.span) { () throws(TrackingError) in
            try tracker.switchTo(location)
        }
        context.output.stream(.stdout, "runs go to \(location), experiment \(ScalarText.quoted(experiment.name))\n")
        tracker.reportNotes(output: context.output)
    }

    /// `export runs [where ...] to "http://..."`: copies the current experiment's runs from this
    /// store to an MLflow server (reached through the `export` command).
    static func exportRuns(_ command: CommandStatement, _ context: inout CommandContext) throws(Diagnostic) {
        let value = try command.expression("value")
        guard case .runs(let syntax) = value.kind else {
            throw Diagnostic(.exportCopiesRuns, at: value.span)
        }
        guard let clause = command.clause("to"), case .expression(let destination)? = clause.operand else {
            throw Diagnostic(.needsDestination("export runs", usage: "export runs to \"http://127.0.0.1:5000\""), at: command.name.span)
        }
        let evaluator = context.evaluator
        let uri = try evaluator.string(destination, what: "an http:// address")
        let (source, experiment) = try evaluator.trackingStore(at: value.span)
        var query = try evaluator.runQuery(syntax)
        query.experimentIDs = [experiment.id]
        let summary = try evaluator.tracking(at: destination.span) { () throws(TrackingError) in
            let target = try TrackingLocation(uri, relativeTo: context.workingDirectory).open()
            return try RunExport.copy(try source.searchRuns(query), from: source, to: target)
        }
        for warning in summary.warnings { context.output.stream(.stderr, "warning: \(warning)\n") }
        let skipped = summary.skipped > 0 ? ", \(summary.skipped) already there" : ""
        context.output.stream(.stdout, "exported \(summary.copied) run\(summary.copied == 1 ? "" : "s") to \(uri)\(skipped)\n")
    }
}
