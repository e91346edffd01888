import AssayRender
import Foundation
import JupyterKernel
import Synchronization

/// Shows the progress of long work in place: nothing for the first `delay` (the session's
/// `progress_after`), then a display that is updated a few times per second
/// (update_display_data) and finally replaced by a summary.
final class FitProgress: Sendable {
    private struct State {
        var shown = false
        var lastUpdate: ContinuousClock.Instant
        var fraction = 0.0
        var label: String
    }

    private let output: (any OutputSink)?
    private let displayID: String
    private let start: ContinuousClock.Instant
    private let state: Mutex<State>
    /// Work shorter than this shows no progress at all.
    private let delay: Duration
    static let interval: Duration = .milliseconds(250)

    init(output: (any OutputSink)?, label: String, delay: Duration) {
        self.output = output
        self.delay = delay
        self.displayID = "assay-progress-" + UUID().uuidString.lowercased()
        let now = ContinuousClock.now
        self.start = now
        self.state = Mutex(State(lastUpdate: now, label: label))
    }

    /// Called from any thread with the fraction done and, optionally, a new label.
    func report(_ fraction: Double, label: String? = nil) {
        guard let output else { return }
        let now = ContinuousClock.now
        guard start.duration(to: now) >= delay else { return }
        let action: Bool? = state.withLock { state in
            state.fraction = max(state.fraction, min(max(fraction, 0), 1))
            if let label { state.label = label }
            if !state.shown {
                state.shown = true
                state.lastUpdate = now
                return true
            }
            guard state.lastUpdate.duration(to: now) >= Self.interval else { return nil }
            state.lastUpdate = now
            return false
        }
        guard let first = action else { return }
        let (current, text) = state.withLock { ($0.fraction, $0.label) }
        let bundle = Self.bar(text, fraction: current, elapsed: start.duration(to: now))
        if first { output.display(bundle, displayID: displayID) } else { output.updateDisplay(bundle, displayID: displayID) }
    }

    /// Replaces a shown progress display with a one-line summary.
    func finish(_ summary: String) {
        guard let output, state.withLock({ $0.shown }) else { return }
        output.updateDisplay(MimeBundle(plain: summary).adding("text/html", "<pre>\(HTMLText.escape(summary))</pre>"), displayID: displayID)
    }

    static func bar(_ label: String, fraction: Double, elapsed: Duration) -> MimeBundle {
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let percent = Int((fraction * 100).rounded(.down))
        let text = "\(label) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(percent)% \(String(format: "%.1f", seconds)) s"
        let html = """
            <div style="font-family: monospace">\(HTMLText.escape(label)) \
            <progress value="\(percent)" max="100" style="width: 16em; vertical-align: middle"></progress> \
            \(percent)% · \(String(format: "%.1f", seconds)) s</div>
            """
        return MimeBundle(plain: text).adding("text/html", html)
    }
}
