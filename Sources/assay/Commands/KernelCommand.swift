import ArgumentParser
import AssayKernel
import Foundation
import JupyterKernel
import JupyterServer

/// `assay kernel -f CONNECTION_FILE`: what a front end launches.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Run the kernel for a Jupyter front end (launched through the kernelspec)."
    )

    @Option(name: [.customShort("f"), .customLong("connection-file")], help: "The connection file the front end wrote.")
    var connectionFile: String

    @Option(help: "The history file (default: $ASSAY_HISTORY, else ~/.local/share/assay/history.jsonl).")
    var history: String?

    func run() throws {
        try KernelCommand.serve(connectionFile: connectionFile, history: history)
    }

    /// The connection file of exactly `assay kernel -f FILE` (or `--connection-file FILE`).
    static func connectionFileOfPlainLaunch(_ arguments: [String]) -> String? {
        guard arguments.count == 4, arguments[1] == "kernel", ["-f", "--connection-file"].contains(arguments[2]) else {
            return nil
        }
        return arguments[3]
    }

    static func serve(connectionFile: String, history: String?) throws -> Never {
        let connection: ConnectionInfo
        do { connection = try ConnectionInfo(path: connectionFile) } catch {
            throw ValidationError(error.description)
        }
        let server = try KernelServer(
            connection: connection, options: KernelServer.Options(historyPath: history ?? KernelCommand.defaultHistoryPath))
        ProcessWatch.forwardInterrupts(to: server.interruptToken)
        if let parent = ProcessInfo.processInfo.environment["JPY_PARENT_PID"].flatMap({ Int32($0) }) {
            ProcessWatch.exitWhenParentDies(parent)
        }
        _ = try server.run(AssayInterpreter())
        Foundation.exit(0)
    }

    static var defaultHistoryPath: String {
        let env = ProcessInfo.processInfo.environment
        if let path = env["ASSAY_HISTORY"], !path.isEmpty { return path }
        let dataHome = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        return dataHome + "/assay/history.jsonl"
    }
}
