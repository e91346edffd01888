import Foundation

/// Where runs go: a SQLite file, or an MLflow server named by its http(s):// address, with the
/// credentials a session gave it (the environment's are read when the store opens).
public enum TrackingLocation: Sendable, Hashable, CustomStringConvertible {
    case file(String)
    case server(String, session: MLflowAccess = MLflowAccess())

    /// The environment variable that names the store when `track to` has not.
    public static let environmentVariable = "ASSAY_TRACKING"

    /// Reads a `track to` operand or the environment variable; relative paths resolve against
    /// `directory`.
    public init(_ text: String, relativeTo directory: String) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            self = .server(text)
        } else if text.hasPrefix("/") {
            self = .file(text)
        } else {
            self = .file(URL(fileURLWithPath: directory).appendingPathComponent(text).path)
        }
    }

    /// The store for this session: `ASSAY_TRACKING` when set, else `assay-runs.db` in `directory`.
    public static func standard(in directory: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> TrackingLocation {
        if let named = environment[environmentVariable], !named.isEmpty {
            return TrackingLocation(named, relativeTo: directory)
        }
        return TrackingLocation(SQLiteStore.defaultFile, relativeTo: directory)
    }

    /// Opens the store (a server is not contacted until the first request).
    public func open() throws(TrackingError) -> any TrackingStore {
        switch self {
        case .file(let path): try SQLiteStore(path: path)
        case .server(let uri, let session): try MLflowStore(uri: uri, access: .from(session: session))
        }
    }

    public var description: String {
        switch self {
        case .file(let path): path
        case .server(let uri, _): uri
        }
    }
}
