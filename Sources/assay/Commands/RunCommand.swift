import ArgumentParser
import AssayKernel
import Foundation
import JupyterKernel
import JupyterServer

/// `assay run FILE.assay`: runs a script headless, printing what a notebook would show as text.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an Assay script headless; exits non-zero when a statement fails."
    )

    @Argument(help: "The script to run (.assay).")
    var file: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read \(file)")
        }
        guard let source = String(bytes: data, encoding: .utf8) else {
            throw ValidationError("\(file) is not UTF-8 text")
        }
        let token = CancellationToken()
        ProcessWatch.forwardInterrupts(to: token)
        let interpreter = AssayInterpreter()
        let outcome = interpreter.runScript(source, named: file, output: ConsoleSink(), cancellation: token)
        interpreter.shutdown(restart: false)
        if case .error(let error) = outcome {
            let lines = isatty(2) != 0 ? error.traceback : error.plainTraceback
            FileHandle.standardError.write(Data(lines.map { $0 + "\n" }.joined().utf8))
            throw ExitCode(error.name == "Interrupted" ? 130 : 1)
        }
    }
}
