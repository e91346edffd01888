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
            let colored = isatty(2) != 0
            for line in error.traceback {
                FileHandle.standardError.write(Data(((colored ? line : RunCommand.stripANSI(line)) + "\n").utf8))
            }
            throw ExitCode(error.name == "Interrupted" ? 130 : 1)
        }
    }

    /// Removes ANSI color sequences (ESC [ ... m) for output that is not a terminal.
    static func stripANSI(_ text: String) -> String {
        var out = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let c = iterator.next() {
            if c == "\u{1B}" {
                while let d = iterator.next(), !(d.properties.isAlphabetic) {}
                continue
            }
            out.unicodeScalars.append(c)
        }
        return out
    }
}
