import AssayFrame
import AssayRender

/// A dataset value: a table held in the kernel, or a reference to one that an engine holds.
///
/// A local table wraps its `Dataset` and adds nothing: operations apply to it directly.
enum TableRef: Sendable, Equatable {
    case local(Dataset)
    /// A table on another engine (a Spark plan); its engine answers for it.
    case remote(any RemoteTable)

    /// The names and types of the columns, known without reading rows.
    var schema: Schema {
        switch self {
        case .local(let data): data.schema
        case .remote(let table): table.schema
        }
    }

    var columnNames: [String] {
        switch self {
        case .local(let data): data.columnNames
        case .remote(let table): table.schema.names
        }
    }

    /// Local tables compare by content, remote ones by identity.
    static func == (a: TableRef, b: TableRef) -> Bool {
        switch (a, b) {
        case (.local(let x), .local(let y)): x == y
        case (.remote(let x), .remote(let y)): x === y
        default: false
        }
    }
}

/// What an engine other than the embedded one hands out for a table it holds: its engine, its
/// schema and how it is shown. The engine keeps the rest (for Spark, the logical plan).
protocol RemoteTable: AnyObject, Sendable {
    /// The engine that made the table and runs operations on it.
    var engine: any Engine { get }
    /// Known when the table is made (Spark analyzes each plan), so checks need no round trip.
    var schema: Schema { get }
    /// A one-line description that runs nothing (no row count), as `vars` and results show it.
    var caption: String { get }
    /// The first `rows` rows as a table (running the plan for those rows only), or what failed.
    func rendering(rows: Int) throws(EngineError) -> Rendering
}
