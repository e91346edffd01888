import AssayKernel
import AssayTracking
import Foundation
import JupyterKernel
import Synchronization

/// Runs a golden script in a fresh session and writes what a person would see as text.
///
/// The session works in a temporary directory of its own (relative paths and the run store
/// resolve there) that is removed afterwards.
struct GoldenSession {
    /// Everything an interpreter sends, in order, with display ids.
    final class Sink: OutputSink {
        enum Event {
            case stream(StreamName, String)
            case display(MimeBundle, id: String?)
            case update(MimeBundle, id: String)
            case clear
            case result(MimeBundle)
        }

        private let storage = Mutex<[Event]>([])
        var events: [Event] { storage.withLock { $0 } }

        func stream(_ name: StreamName, _ text: String) { storage.withLock { $0.append(.stream(name, text)) } }
        func display(_ bundle: MimeBundle, displayID: String?) { storage.withLock { $0.append(.display(bundle, id: displayID)) } }
        func updateDisplay(_ bundle: MimeBundle, displayID: String) { storage.withLock { $0.append(.update(bundle, id: displayID)) } }
        func clearOutput(wait: Bool) { storage.withLock { $0.append(.clear) } }
        func executeResult(_ bundle: MimeBundle) { storage.withLock { $0.append(.result(bundle)) } }
    }

    /// The transcript, masked, and the problems found on the way (which fail the test).
    struct Outcome {
        var transcript: String
        var problems: [String]
    }

    static func run(_ script: GoldenScript) -> Outcome {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("assay-golden-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let interpreter = AssayInterpreter(
            workingDirectory: scratch.path, tracking: scratch.appendingPathComponent("runs.db").path)

        var out = ""
        var problems: [String] = []
        for (index, cell) in script.cells.enumerated() {
            let number = index + 1
            out += "# %% cell \(number)" + (cell.label.isEmpty ? "" : ": \(cell.label)") + (cell.interrupted ? " [interrupt]" : "") + "\n"
            for line in cell.code.split(separator: "\n", omittingEmptySubsequences: false) {
                out += line.isEmpty ? ">\n" : "> \(line)\n"
            }
            let sink = Sink()
            let cancellation = CancellationToken()
            if cell.interrupted { cancellation.cancel() }
            let outcome = interpreter.execute(ExecuteRequest(code: cell.code, executionCount: number), output: sink, cancellation: cancellation)
            let (text, trouble) = describe(sink.events)
            out += text
            problems += trouble.map { "cell \(number): \($0)" }
            switch outcome {
            case .ok(let payloads):
                for payload in payloads {
                    out += "--- payload: \(payload["source"]?.stringValue ?? "\(payload)")\n"
                }
            case .error(let error):
                out += "--- error: \(error.name)\n"
                out += error.plainTraceback.joined(separator: "\n") + "\n"
            }
            out += "\n"
        }
        interpreter.shutdown(restart: false)
        let runIDs = Self.runIDs(in: scratch)
        return Outcome(transcript: GoldenMask(scratch: scratch, runIDs: runIDs).apply(out), problems: problems)
    }

    /// Progress displays (the ones with a display id) come and go with the clock: they are
    /// checked for shape here and left out of the transcript.
    private static func describe(_ events: [Sink.Event]) -> (String, [String]) {
        var out = ""
        var problems: [String] = []
        var progress: Set<String> = []
        var pending: (StreamName, String)?
        func flush() {
            guard let (name, text) = pending else { return }
            out += "--- \(name.rawValue)\n" + text + (text.hasSuffix("\n") ? "" : "\n")
            pending = nil
        }
        for event in events {
            if case .stream(let name, let text) = event, pending?.0 == name {
                pending?.1 += text
                continue
            }
            flush()
            switch event {
            case .stream(let name, let text):
                pending = (name, text)
            case .display(let bundle, let id?):
                if !id.hasPrefix("assay-progress-") { problems.append("display id `\(id)` is not a progress id") }
                if !bundle.plainText.contains("%") { problems.append("progress display without a percentage: \(bundle.plainText)") }
                progress.insert(id)
            case .display(let bundle, nil):
                out += section("display", bundle)
            case .update(_, let id):
                if !progress.contains(id) { problems.append("update of display `\(id)` that was never shown") }
            case .clear:
                out += "--- clear\n"
            case .result(let bundle):
                out += section("result", bundle)
            }
        }
        flush()
        return (out, problems)
    }

    private static func section(_ kind: String, _ bundle: MimeBundle) -> String {
        let types = bundle.data.keys.sorted().joined(separator: ", ")
        let plain = bundle.plainText
        return "--- \(kind): \(types)\n" + plain + (plain.hasSuffix("\n") || plain.isEmpty ? "" : "\n")
    }

    /// The ids of every run in every store the script wrote under its directory.
    private static func runIDs(in scratch: URL) -> [String] {
        var ids: [String] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []
        for file in files.sorted() where file.hasSuffix(".db") {
            let location = TrackingLocation(scratch.appendingPathComponent(file).path, relativeTo: scratch.path)
            guard let store = try? location.open(), let experiments = try? store.experiments() else { continue }
            let runs = (try? store.searchRuns(RunQuery(experimentIDs: experiments.map(\.id)))) ?? []
            ids += runs.map(\.id)
        }
        return ids
    }
}
