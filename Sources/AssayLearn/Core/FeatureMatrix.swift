import AssayFrame

/// Dense numeric features, column-major (`values[column * rows + row]`), NaN for missing.
/// The names travel with the values (`island=Dream`, `pc2`) so explanations can use them.
public struct FeatureMatrix: Sendable, Hashable {
    public var rows: Int
    public var names: [String]
    public var values: [Double]

    public init(rows: Int, names: [String], values: [Double]) throws(LearnError) {
        guard values.count == rows * names.count else {
            throw LearnError("a feature matrix of \(rows) rows and \(names.count) columns needs \(rows * names.count) values, got \(values.count)")
        }
        self.rows = rows
        self.names = names
        self.values = values
    }

    public var columnCount: Int { names.count }

    /// One feature's values, contiguous.
    public func column(_ index: Int) -> ArraySlice<Double> {
        values[(index * rows)..<((index + 1) * rows)]
    }

    public subscript(row: Int, column: Int) -> Double { values[column * rows + row] }

    /// The rows at `indices`, in that order.
    public func take(_ indices: [Int]) -> FeatureMatrix {
        var out = [Double](repeating: 0, count: indices.count * columnCount)
        for c in 0..<columnCount {
            let base = c * rows
            let outBase = c * indices.count
            for (i, r) in indices.enumerated() { out[outBase + i] = values[base + r] }
        }
        // Sizes agree by construction.
        return FeatureMatrix(trusted: indices.count, names, out)
    }

    init(trusted rows: Int, _ names: [String], _ values: [Double]) {
        self.rows = rows
        self.names = names
        self.values = values
    }

    /// The number and bool columns of a dataset as features; a string column is an error that
    /// says to encode it first.
    public init(_ dataset: Dataset) throws(LearnError) {
        var names: [String] = []
        var values: [Double] = []
        values.reserveCapacity(dataset.rowCount * dataset.columnCount)
        for column in dataset.columns {
            switch column.values {
            case .number(let v):
                values.append(contentsOf: v)
            case .bool(let v):
                values.append(contentsOf: v.map { $0 < 0 ? .nan : Double($0) })
            case .string:
                throw LearnError(
                    "column `\(column.name)` holds strings, and models need numbers",
                    help: "encode it first: `onehot(\(column.name))` or `index(\(column.name))`")
            }
            names.append(column.name)
        }
        self.init(trusted: dataset.rowCount, names, values)
    }
}
