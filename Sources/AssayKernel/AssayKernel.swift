// Placeholder interpreter that lets the protocol core run until the language lands (next commits).
import Foundation
import JupyterKernel
public enum AssayVersion { public static let current = "0.1.0" }
public struct ConsoleSink: OutputSink {
    public init() {}
    public func stream(_ name: StreamName, _ text: String) { print(text, terminator: "") }
    public func display(_ bundle: MimeBundle, displayID: String?) { print(bundle.plainText) }
    public func updateDisplay(_ bundle: MimeBundle, displayID: String) {}
    public func clearOutput(wait: Bool) {}
    public func executeResult(_ bundle: MimeBundle) { print(bundle.plainText) }
}
public final class AssayInterpreter: KernelInterpreter {
    public init() {}
    public var kernelInfo: KernelInfo { KernelInfo(implementation: "assay", implementationVersion: "0.1.0", language: LanguageInfo(name: "assay", version: "0.1", mimetype: "text/x-assay", fileExtension: ".assay", pygmentsLexer: "python", codemirrorMode: "python"), banner: "Assay", helpLinks: []) }
    public func execute(_ request: ExecuteRequest, output: any OutputSink, cancellation: CancellationToken) -> ExecuteOutcome {
        let code = request.code.trimmingCharacters(in: .whitespacesAndNewlines)
        if code.hasPrefix("sleep ") { let s = Double(code.dropFirst(6)) ?? 0; let end = Date().addingTimeInterval(s); while Date() < end { if cancellation.isCancelled { return .error(ExecutionError(name: "Interrupted", value: "interrupted", traceback: ["Interrupted"])) }; usleep(5000) } ; return .ok(payload: []) }
        if code.hasPrefix("print ") { output.stream(.stdout, String(code.dropFirst(6)) + "\n"); return .ok(payload: []) }
        if code.hasPrefix("cprint ") { print(String(code.dropFirst(7))); return .ok(payload: []) }
        if code.hasPrefix("error") { return .error(ExecutionError(name: "SyntaxError", value: "bad", traceback: ["\u{1B}[31merror\u{1B}[0m: bad"])) }
        output.executeResult(MimeBundle(plain: code))
        return .ok(payload: [])
    }
    public func evaluate(expression: String) -> ExpressionOutcome { .value(MimeBundle(plain: expression)) }
    public func complete(code: String, cursor: Int) -> Completion { Completion(items: [Completion.Item(text: "print", type: "command")], cursorStart: 0, cursorEnd: cursor) }
    public func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle? { nil }
    public func isComplete(code: String) -> Completeness { code.hasSuffix("[") ? .incomplete(indent: "  ") : .complete }
    public func shutdown(restart: Bool) {}
    public func runScript(_ source: String, named: String, output: any OutputSink, cancellation: CancellationToken) -> ExecuteOutcome { execute(ExecuteRequest(code: source, executionCount: 1), output: output, cancellation: cancellation) }
}
