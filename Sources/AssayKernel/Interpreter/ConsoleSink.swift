import Foundation
import JupyterKernel
import Synchronization

/// Output for `assay run`: results and displays as plain text on stdout, stderr as stderr.
///
/// A display with an id (progress) is a live line: its updates rewrite it in place with a
/// carriage return, and the next other output starts on a fresh line.
public final class ConsoleSink: OutputSink {
    private let live = Mutex<String?>(nil)

    public init() {}

    public func stream(_ name: StreamName, _ text: String) {
        endLiveLine()
        write(text, to: name == .stdout ? FileHandle.standardOutput : FileHandle.standardError)
    }

    public func display(_ bundle: MimeBundle, displayID: String?) {
        endLiveLine()
        guard let displayID else {
            write(bundle.plainText + "\n", to: FileHandle.standardOutput)
            return
        }
        live.withLock { $0 = displayID }
        write("\r" + bundle.plainText, to: FileHandle.standardOutput)
    }

    public func updateDisplay(_ bundle: MimeBundle, displayID: String) {
        guard live.withLock({ $0 == displayID }) else { return }
        // \u{1B}[2K clears the line, so a shorter text leaves no tail of the longer one.
        write("\r\u{1B}[2K" + bundle.plainText, to: FileHandle.standardOutput)
    }

    public func clearOutput(wait: Bool) {}

    public func executeResult(_ bundle: MimeBundle) {
        endLiveLine()
        write(bundle.plainText + "\n", to: FileHandle.standardOutput)
    }

    private func endLiveLine() {
        let wasLive = live.withLock { id -> Bool in
            defer { id = nil }
            return id != nil
        }
        if wasLive { write("\n", to: FileHandle.standardOutput) }
    }

    private func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}
