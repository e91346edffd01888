import ArgumentParser
import Foundation
import JupyterKernel

/// `assay install`: writes the kernelspec so front ends can launch this binary.
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the Assay kernelspec for Jupyter (default: --user).",
        discussion: """
            --user       ~/.local/share/jupyter/kernels/NAME (or $JUPYTER_DATA_DIR/kernels/NAME)
            --sys-prefix the active Python environment: $VIRTUAL_ENV, $CONDA_PREFIX, else python3's sys.prefix
            --prefix DIR DIR/share/jupyter/kernels/NAME
            """
    )

    @Flag(help: "Install for the current user.") var user = false
    @Flag(name: .customLong("sys-prefix"), help: "Install into the active Python environment.") var sysPrefix = false
    @Option(help: "Install under this prefix (DIR/share/jupyter/kernels).") var prefix: String?
    @Option(help: "The kernelspec's name.") var name = "assay"
    @Option(name: .customLong("display-name"), help: "The name front ends show.") var displayName = "Assay"

    func validate() throws {
        if [user, sysPrefix, prefix != nil].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --user, --sys-prefix and --prefix")
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw ValidationError("a kernelspec name uses letters, digits, '-', '_' and '.' only")
        }
    }

    func run() throws {
        let directory = try kernelsDirectory() + "/" + name
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let spec: JSON = [
            "argv": [.string(InstallCommand.executablePath), "kernel", "-f", "{connection_file}"],
            "display_name": .string(displayName),
            "language": "assay",
            "interrupt_mode": "signal",
            "kernel_protocol_version": .string(jupyterProtocolVersion),
            "metadata": [:],
        ]
        try Data(spec.serialized() + [UInt8(ascii: "\n")]).write(to: URL(fileURLWithPath: directory + "/kernel.json"))
        for logo in KernelspecFiles.logos {
            try Data(logo.bytes).write(to: URL(fileURLWithPath: directory + "/" + logo.name))
        }
        print("Installed kernelspec \(name) in \(directory)")
    }

    private func kernelsDirectory() throws -> String {
        let env = ProcessInfo.processInfo.environment
        if let prefix { return URL(fileURLWithPath: prefix).standardizedFileURL.path + "/share/jupyter/kernels" }
        if sysPrefix {
            if let venv = env["VIRTUAL_ENV"], !venv.isEmpty { return venv + "/share/jupyter/kernels" }
            if let conda = env["CONDA_PREFIX"], !conda.isEmpty { return conda + "/share/jupyter/kernels" }
            guard let python = InstallCommand.pythonPrefix() else {
                throw ValidationError("--sys-prefix: no active environment ($VIRTUAL_ENV, $CONDA_PREFIX) and no python3 to ask")
            }
            return python + "/share/jupyter/kernels"
        }
        if let data = env["JUPYTER_DATA_DIR"], !data.isEmpty { return data + "/kernels" }
        let dataHome = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        return dataHome + "/jupyter/kernels"
    }

    /// The absolute, symlink-free path of this binary, for the kernelspec's argv.
    static var executablePath: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.resolvingSymlinksInPath().path
    }

    static func pythonPrefix() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys; print(sys.prefix)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? nil : path
    }
}
