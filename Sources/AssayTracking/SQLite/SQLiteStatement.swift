import CSQLite
import Foundation

/// A prepared statement of one connection; used only while its connection's owner holds it.
final class SQLiteStatement {
    let pointer: OpaquePointer
    private unowned let connection: SQLiteConnection

    init(_ pointer: OpaquePointer, connection: SQLiteConnection) {
        self.pointer = pointer
        self.connection = connection
    }

    deinit { sqlite3_finalize(pointer) }

    /// Resets the statement and binds `values` to its parameters in order.
    func bind(_ values: [SQLiteValue]) throws(TrackingError) {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
        // SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(pointer, index)
            case .integer(let x): code = sqlite3_bind_int64(pointer, index, x)
            case .real(let x): code = x.isNaN ? sqlite3_bind_null(pointer, index) : sqlite3_bind_double(pointer, index, x)
            case .text(let s): code = sqlite3_bind_text(pointer, index, s, -1, transient)
            case .blob(let data):
                code = data.withUnsafeBytes { bytes in
                    sqlite3_bind_blob64(pointer, index, bytes.baseAddress, sqlite3_uint64(bytes.count), transient)
                }
            }
            guard code == SQLITE_OK else { throw connection.error("cannot bind a value", code: code) }
        }
    }

    /// Advances to the next row; false when there are no more.
    func step() throws(TrackingError) -> Bool {
        let code = sqlite3_step(pointer)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            sqlite3_reset(pointer)
            throw connection.error("cannot run a statement", code: code)
        }
    }

    /// Binds, runs to the end and resets.
    func run(_ values: [SQLiteValue] = []) throws(TrackingError) {
        try bind(values)
        while try step() {}
        sqlite3_reset(pointer)
    }

    /// Binds, then calls `row` for each result row.
    func forEach(_ values: [SQLiteValue] = [], _ row: (SQLiteStatement) throws(TrackingError) -> Void) throws(TrackingError) {
        try bind(values)
        defer { sqlite3_reset(pointer) }
        while try step() { try row(self) }
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(pointer, column) == SQLITE_NULL }

    func isText(_ column: Int32) -> Bool { sqlite3_column_type(pointer, column) == SQLITE_TEXT }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(pointer, column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(pointer, column) }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(pointer, column) else { return "" }
        let count = Int(sqlite3_column_bytes(pointer, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    func blob(_ column: Int32) -> Data {
        let count = Int(sqlite3_column_bytes(pointer, column))
        guard count > 0, let bytes = sqlite3_column_blob(pointer, column) else { return Data() }
        return Data(bytes: bytes, count: count)
    }
}
