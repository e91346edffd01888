import CSQLite
import Foundation

/// One open SQLite database. Not thread-safe by itself: `SQLiteStore` uses it only while
/// holding its lock, which is what the unchecked conformance stands for.
final class SQLiteConnection: @unchecked Sendable {
    let path: String
    private let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens (creating) the file; a writer waits up to `busyTimeout` for another one to finish.
    init(path: String, busyTimeout: Duration = .seconds(15)) throws(TrackingError) {
        self.path = path
        var pointer: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let code = sqlite3_open_v2(path, &pointer, flags, nil)
        guard code == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            if let pointer { sqlite3_close_v2(pointer) }
            throw TrackingError("cannot open the run store \"\(path)\": \(message)")
        }
        handle = pointer
        let milliseconds = busyTimeout.components.seconds * 1000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000
        sqlite3_busy_timeout(handle, Int32(clamping: milliseconds))
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// A prepared statement for `sql`, kept for the next call with the same text.
    func statement(_ sql: String) throws(TrackingError) -> SQLiteStatement {
        if let cached = statements[sql] { return cached }
        var pointer: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard code == SQLITE_OK, let pointer else { throw error("cannot prepare a statement", code: code) }
        let statement = SQLiteStatement(pointer, connection: self)
        if statements.count > 200 { statements.removeAll() }
        statements[sql] = statement
        return statement
    }

    /// Runs statements that take no parameters and return no rows, such as the schema.
    func execute(_ sql: String) throws(TrackingError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            throw TrackingError("the run store \"\(path)\" failed: \(message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code)))")
        }
    }

    /// Runs `body` in a write transaction, taking the write lock at once so two processes never
    /// deadlock upgrading a read; rolls back if `body` throws.
    func transaction<T>(_ body: () throws(TrackingError) -> T) throws(TrackingError) -> T {
        try statement("BEGIN IMMEDIATE").run()
        do {
            let result = try body()
            try statement("COMMIT").run()
            return result
        } catch {
            try? statement("ROLLBACK").run()
            throw error
        }
    }

    /// Rows changed by the last statement.
    var changes: Int { Int(sqlite3_changes(handle)) }

    func error(_ what: String, code: Int32) -> TrackingError {
        let detail = String(cString: sqlite3_errmsg(handle))
        let primary = code & 0xff
        if primary == SQLITE_BUSY || primary == SQLITE_LOCKED {
            return TrackingError("the run store \"\(path)\" stayed locked by another process: \(detail)")
        }
        if primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_FULL {
            return TrackingError("cannot write the run store \"\(path)\": \(detail)")
        }
        return TrackingError("the run store \"\(path)\" failed (\(what)): \(detail)")
    }
}
