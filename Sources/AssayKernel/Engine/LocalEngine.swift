import AssayFrame
import AssayLearn

/// The embedded engine: tables are `Dataset`s in the kernel process, and work is AssayFrame's
/// and AssayLearn's, called directly on them without copying.
final class LocalEngine: Engine {
    let name = "local"

    /// The dataset of a local table; a remote one must be collected first.
    func dataset(_ table: TableRef) throws(EngineError) -> Dataset {
        switch table {
        case .local(let data): return data
        case .remote(let remote): throw .unsupported(Self.elsewhere(remote), help: Self.collectHelp)
        }
    }

    static func elsewhere(_ table: any RemoteTable) -> String {
        "this dataset is on the \(table.engine.name) engine, and this work runs in the kernel"
    }

    static let collectHelp = "bring it into the kernel first: `collect DATA limit N`"

    func summary() throws(EngineError) -> String {
        "local (the embedded engine, in the kernel process; the default)"
    }

    // MARK: Data

    func read(_ source: CatalogSource) throws(EngineError) -> TableRef {
        let what = switch source {
        case .table: "`load table`"
        case .sql: "`load sql`"
        }
        throw .unsupported("\(what) reads a cluster's catalog, and the session is on the embedded engine", help: Self.sparkHelp)
    }

    func write(_ table: TableRef, toTable name: String) throws(EngineError) {
        throw .unsupported("`save ... to table` writes a cluster's catalog, and this dataset is in the kernel", help: "save it to a file: `save DATA to \"file.csv\"`, or `upload` it to a Spark engine first")
    }

    static let sparkHelp = "connect to a cluster first: `engine spark \"sc://HOST:15002\"`"

    func schema(of table: TableRef) -> Schema { table.schema }

    func rowCount(of table: TableRef) throws(EngineError) -> Int { try dataset(table).rowCount }

    func read(path: String, name: String, options: CSVOptions) throws(EngineError) -> TableRef {
        .local(try frame { () throws(FrameError) in try CSVReader.read(path: path, name: name, options: options) })
    }

    func apply(_ operation: DataOperation, to table: TableRef) throws(EngineError) -> TableRef {
        let data = try dataset(table)
        switch operation {
        case .filter(let predicate):
            return .local(try rows { () throws(RowExpressionError) in try data.filter(predicate) })
        case .derive(let definitions):
            return .local(try rows { () throws(RowExpressionError) in try data.derive(definitions.map { ($0.name, $0.expression) }) })
        case .select(let columns):
            return .local(try frame { () throws(FrameError) in try data.selecting(columns) })
        case .drop(let columns):
            return .local(try frame { () throws(FrameError) in try data.dropping(columns) })
        case .rename(let pairs):
            return .local(try frame { () throws(FrameError) in try data.renaming(pairs) })
        case .sort(let keys):
            return .local(try frame { () throws(FrameError) in try data.sorted(by: keys) })
        case .head(let count):
            return .local(data.head(count))
        case .tail(let count):
            return .local(data.tail(count))
        case .sampleFraction(let fraction, let seed):
            return .local(try frame { () throws(FrameError) in try data.sample(fraction: fraction, seed: seed) })
        case .sampleCount(let count, let seed):
            return .local(try frame { () throws(FrameError) in try data.sample(count: count, seed: seed) })
        case .dropMissing(let columns):
            return .local(try frame { () throws(FrameError) in try data.droppingMissing(columns) })
        case .distinct(let columns):
            return .local(try frame { () throws(FrameError) in try data.distinct(columns) })
        case .group(let keys, let aggregations):
            return .local(try frame { () throws(FrameError) in try data.grouped(by: keys, aggregations: aggregations) })
        case .join(let otherTable, let keys, let kind):
            let other = try dataset(otherTable)
            return .local(try frame { () throws(FrameError) in try data.joined(with: other, on: keys, kind: kind) })
        }
    }

    func split(_ table: TableRef, fractions: [Double], stratify: String?, seed: UInt64) throws(EngineError) -> [TableRef] {
        let data = try dataset(table)
        return try frame { () throws(FrameError) in try data.split(fractions: fractions, stratify: stratify, seed: seed) }.map(TableRef.local)
    }

    func collect(_ table: TableRef, limit: Int?) throws(EngineError) -> Dataset {
        let data = try dataset(table)
        guard let limit, limit < data.rowCount else { return data }
        return data.head(limit)
    }

    func upload(_ data: Dataset) throws(EngineError) -> TableRef { .local(data) }

    func describe(_ table: TableRef) throws(EngineError) -> [ColumnSummary] { try dataset(table).describe() }

    func write(_ table: TableRef, to path: String) throws(EngineError) {
        let data = try dataset(table)
        try frame { () throws(FrameError) in try CSVWriter.write(data, to: path) }
    }

    // MARK: Pieces

    private func frame<T>(_ work: () throws(FrameError) -> T) throws(EngineError) -> T {
        do { return try work() } catch { throw .frame(error) }
    }

    private func rows<T>(_ work: () throws(RowExpressionError) -> T) throws(EngineError) -> T {
        do { return try work() } catch { throw .rows(error) }
    }
}
