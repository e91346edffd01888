import Foundation
import JupyterKernel

/// Output for `assay run`: results and displays as plain text on stdout, stderr as stderr.
public struct ConsoleSink: OutputSink {
    public init() {}

    public func stream(_ name: StreamName, _ text: String) {
        write(text, to: name == .stdout ? FileHandle.standardOutput : FileHandle.standardError)
    }

    public func display(_ bundle: MimeBundle, displayID: String?) {
        write(bundle.plainText + "\n", to: FileHandle.standardOutput)
    }

    public func updateDisplay(_ bundle: MimeBundle, displayID: String) {}

    public func clearOutput(wait: Bool) {}

    public func executeResult(_ bundle: MimeBundle) {
        write(bundle.plainText + "\n", to: FileHandle.standardOutput)
    }

    private func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}
