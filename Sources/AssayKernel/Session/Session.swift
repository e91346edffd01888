import AssayTracking
import Foundation

/// What a kernel remembers between cells: the bound names and the settings.
///
/// A statement works on a copy and the session takes it only when the statement succeeds, so a
/// failing statement changes nothing.
final class Session {
    struct State: Sendable, Equatable {
        var bindings: [String: Value] = [:]
        var settings = Settings()
        /// Where tables live and models train; the embedded engine unless `engine` says otherwise.
        var engines = Engines()
    }

    var state = State()
    let workingDirectory: String
    /// Where runs are tracked; the store opens on first use.
    let tracker: RunTracker

    init(workingDirectory: String, tracking: TrackingLocation? = nil) {
        self.workingDirectory = workingDirectory
        tracker = RunTracker(location: tracking ?? TrackingLocation.standard(in: workingDirectory))
        state.settings.parallel = max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Names and their type names, for completion.
    var typedNames: [(name: String, type: String)] {
        state.bindings.map { ($0.key, $0.value.typeName) }.sorted { $0.name < $1.name }
    }
}
