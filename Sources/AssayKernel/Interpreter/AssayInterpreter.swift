import AssayLanguage
import AssayRender
import AssayTracking
import Foundation
import JupyterKernel

/// The Assay language behind the Jupyter interface: one session of bound names and settings.
public final class AssayInterpreter: KernelInterpreter {
    let session: Session

    /// `workingDirectory` is where relative paths will resolve; the process's by default.
    /// `tracking` names the run store (a file or an http:// MLflow server); by default
    /// `ASSAY_TRACKING`, else `assay-runs.db` in the working directory.
    public init(workingDirectory: String? = nil, tracking: String? = nil) {
        let directory = workingDirectory ?? FileManager.default.currentDirectoryPath
        session = Session(workingDirectory: directory, tracking: tracking.map { TrackingLocation($0, relativeTo: directory) })
    }

    public var kernelInfo: KernelInfo {
        KernelInfo(
            implementation: "assay",
            implementationVersion: AssayVersion.current,
            language: LanguageInfo(
                name: "assay", version: AssayVersion.language, mimetype: "text/x-assay", fileExtension: ".assay",
                pygmentsLexer: "python", codemirrorMode: "python"),
            banner: "Assay \(AssayVersion.current): data, models and experiments in one language.\n"
                + "Type `help` for the commands, `help NAME` for one of them.",
            // No public home page yet: the reference is `help` inside the kernel.
            helpLinks: [])
    }

    public func execute(_ request: ExecuteRequest, output: any OutputSink, cancellation: CancellationToken) -> ExecuteOutcome {
        var execution = CellExecution(
            session: session, source: SourceText(request.code), output: output, cancellation: cancellation,
            origin: DiagnosticRenderer.cell(request.executionCount))
        execution.silent = request.silent
        return execution.run()
    }

    /// Runs a whole script, as `assay run FILE` does; diagnostics name the script.
    public func runScript(_ source: String, named name: String, output: any OutputSink, cancellation: CancellationToken)
        -> ExecuteOutcome
    {
        CellExecution(session: session, source: SourceText(source), output: output, cancellation: cancellation, origin: name)
            .run()
    }

    public func evaluate(expression: String) -> ExpressionOutcome {
        let source = SourceText(expression)
        do throws(Diagnostic) {
            let parsed = try Parser.parseExpression(source)
            let evaluator = Evaluator(
                bindings: session.state.bindings, cancellation: CancellationToken(), settings: session.state.settings,
                workingDirectory: session.workingDirectory, engines: session.state.engines)
            return .value(try evaluator.evaluate(parsed).rendering(rows: session.state.settings.rows).bundle)
        } catch {
            return .error(ExecutionError(error, source: source, origin: "expression"))
        }
    }

    public func complete(code: String, cursor: Int) -> Completion {
        var columns: [String: [String]] = [:]
        for (name, value) in session.state.bindings {
            if let data = value.asTable { columns[name] = data.columnNames }
        }
        let tracker = session.tracker
        let completions = Completions(code: code, cursor: cursor, names: session.typedNames, columns: columns) {
            RunTable.fields(tracker)
        }
        return Completion(
            items: completions.items.map { Completion.Item(text: $0.text, type: $0.kind, signature: $0.signature) },
            cursorStart: completions.start, cursorEnd: completions.end)
    }

    public func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle? {
        guard let word = SourceText(code).word(at: cursor)?.text else { return nil }
        if let value = session.state.bindings[word] {
            return MimeBundle(plain: "\(word): \(value.typeName)\n\(value.summary)")
        }
        return HelpCatalog.topic(named: word).map { HelpPage.topic($0).bundle }
    }

    public func isComplete(code: String) -> Completeness {
        switch InputCompleteness(code) {
        case .complete: .complete
        case .incomplete(let indent): .incomplete(indent: indent)
        case .invalid: .invalid
        }
    }

    public func shutdown(restart: Bool) {
        session.state.bindings.removeAll()
        session.tracker.close()
    }
}
