import ArgumentParser
import AssayKernel
import JupyterServer

/// The `assay` command line: the kernel, its installer and a headless script runner.
@main
struct Assay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "A Jupyter kernel for model comparison and feature engineering.",
        version: AssayVersion.current,
        subcommands: [KernelCommand.self, InstallCommand.self, RunCommand.self]
    )

    static func main() {
        // Before any thread starts: SIGINT then reaches only the thread that waits for it.
        ProcessWatch.blockInterrupts()
        // The launch a front end makes skips the general parser: its reflection costs a few
        // milliseconds, and a kernel bound sooner spares the client a 100-200 ms reconnect.
        if let connectionFile = KernelCommand.connectionFileOfPlainLaunch(CommandLine.arguments) {
            do { try KernelCommand.serve(connectionFile: connectionFile, history: nil) } catch { exit(withError: error) }
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
