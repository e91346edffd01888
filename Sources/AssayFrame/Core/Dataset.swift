/// A table of named, typed columns of equal length. Immutable in use: operations return new
/// datasets, and unchanged columns are shared, not copied.
public struct Dataset: Sendable, Hashable {
    public private(set) var columns: [Column]
    public let rowCount: Int
    private var positions: [String: Int]

    /// Columns of equal length and distinct names.
    public init(columns: [Column]) throws(FrameError) {
        let count = columns.first?.count ?? 0
        var positions: [String: Int] = [:]
        for (index, column) in columns.enumerated() {
            guard column.count == count else {
                throw FrameError("column `\(column.name)` has \(column.count) rows, the others \(count)")
            }
            guard positions.updateValue(index, forKey: column.name) == nil else {
                throw FrameError("duplicate column name `\(column.name)`", help: "rename one of them")
            }
        }
        self.columns = columns
        self.rowCount = count
        self.positions = positions
    }

    /// Columns already known to be of equal length with distinct names (derived from a valid
    /// dataset), so nothing can fail.
    init(trusted columns: [Column]) {
        self.columns = columns
        self.rowCount = columns.first?.count ?? 0
        self.positions = Dictionary(columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A dataset with no columns and no rows.
    public static let empty = Dataset(trusted: [])

    public var columnCount: Int { columns.count }
    public var columnNames: [String] { columns.map(\.name) }

    public func column(_ name: String) -> Column? {
        positions[name].map { columns[$0] }
    }

    public func index(of name: String) -> Int? { positions[name] }

    /// The rows at `rows`, in that order, of every column.
    public func take(_ rows: [Int]) -> Dataset {
        Dataset(trusted: columns.map { $0.take(rows) })
    }

    public func slice(_ range: Range<Int>) -> Dataset {
        Dataset(trusted: columns.map { $0.slice(range) })
    }

    public static func == (a: Dataset, b: Dataset) -> Bool { a.columns == b.columns }
    public func hash(into hasher: inout Hasher) { hasher.combine(columns) }
}
