import AssayTracking
import Foundation

/// A SQLite store in a fresh temporary directory, removed with the value.
final class TemporaryStore {
    let directory: URL
    let path: String
    let store: SQLiteStore

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-tracking-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("runs.db").path
        store = try SQLiteStore(path: path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
