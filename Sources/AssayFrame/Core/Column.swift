/// The type of a column's values.
public enum ColumnType: String, Sendable, Hashable, CaseIterable {
    case number
    case string
    case bool
}

/// Dictionary-encoded strings: each row holds a code into `dictionary`, -1 when missing.
public struct StringColumn: Sendable, Hashable {
    public var dictionary: [String]
    public var codes: [Int32]

    public init(dictionary: [String], codes: [Int32]) {
        self.dictionary = dictionary
        self.codes = codes
    }

    /// Encodes plain values (nil is missing), codes in order of first appearance.
    public init(_ values: [String?]) {
        var index: [String: Int32] = [:]
        var dictionary: [String] = []
        var codes: [Int32] = []
        codes.reserveCapacity(values.count)
        for value in values {
            guard let value else { codes.append(-1); continue }
            if let code = index[value] {
                codes.append(code)
            } else {
                let code = Int32(dictionary.count)
                index[value] = code
                dictionary.append(value)
                codes.append(code)
            }
        }
        self.dictionary = dictionary
        self.codes = codes
    }

    public subscript(row: Int) -> String? {
        let code = codes[row]
        return code < 0 ? nil : dictionary[Int(code)]
    }
}

/// The values of one column, stored contiguously by type.
public enum ColumnValues: Sendable, Hashable {
    /// Float64; NaN marks a missing value.
    case number([Double])
    case string(StringColumn)
    /// 0 false, 1 true, -1 missing.
    case bool([Int8])

    /// Missing equals missing: two columns with the same values and the same gaps are equal
    /// (IEEE would make every column with a NaN unequal to itself).
    public static func == (a: ColumnValues, b: ColumnValues) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            guard x.count == y.count else { return false }
            for i in x.indices where !(x[i] == y[i] || (x[i].isNaN && y[i].isNaN)) { return false }
            return true
        case (.string(let x), .string(let y)):
            guard x.codes.count == y.codes.count else { return false }
            if x.dictionary == y.dictionary { return x.codes == y.codes }
            return x.codes.indices.allSatisfy { x[$0] == y[$0] }
        case (.bool(let x), .bool(let y)):
            return x == y
        default:
            return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .number(let x):
            hasher.combine(0)
            for v in x { hasher.combine(v.isNaN ? Double.nan.bitPattern : (v == 0 ? 0.0 : v).bitPattern) }
        case .string(let s):
            hasher.combine(1)
            for i in s.codes.indices { hasher.combine(s[i]) }
        case .bool(let x):
            hasher.combine(2)
            hasher.combine(x)
        }
    }
}

/// One scalar of a dataset, for display and row access (not for hot loops).
public enum Cell: Sendable, Hashable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case missing
}

/// A named column of a dataset. A value type: copies share storage until one is changed.
public struct Column: Sendable, Hashable {
    public var name: String
    public var values: ColumnValues

    public init(_ name: String, _ values: ColumnValues) {
        self.name = name
        self.values = values
    }

    public init(_ name: String, numbers: [Double]) { self.init(name, .number(numbers)) }
    public init(_ name: String, strings: [String?]) { self.init(name, .string(StringColumn(strings))) }
    public init(_ name: String, bools: [Bool?]) {
        self.init(name, .bool(bools.map { $0.map { $0 ? 1 : 0 } ?? -1 }))
    }

    public var type: ColumnType {
        switch values {
        case .number: .number
        case .string: .string
        case .bool: .bool
        }
    }

    public var count: Int {
        switch values {
        case .number(let v): v.count
        case .string(let s): s.codes.count
        case .bool(let v): v.count
        }
    }

    public func isMissing(_ row: Int) -> Bool {
        switch values {
        case .number(let v): v[row].isNaN
        case .string(let s): s.codes[row] < 0
        case .bool(let v): v[row] < 0
        }
    }

    public subscript(row: Int) -> Cell {
        switch values {
        case .number(let v): v[row].isNaN ? .missing : .number(v[row])
        case .string(let s): s[row].map(Cell.string) ?? .missing
        case .bool(let v): v[row] < 0 ? .missing : .bool(v[row] == 1)
        }
    }

    /// The rows at `rows`, in that order (a gather).
    public func take(_ rows: [Int]) -> Column {
        switch values {
        case .number(let v): Column(name, .number(rows.map { v[$0] }))
        case .string(let s): Column(name, .string(StringColumn(dictionary: s.dictionary, codes: rows.map { s.codes[$0] })))
        case .bool(let v): Column(name, .bool(rows.map { v[$0] }))
        }
    }

    /// A contiguous run of rows.
    public func slice(_ range: Range<Int>) -> Column {
        switch values {
        case .number(let v): Column(name, .number(Array(v[range])))
        case .string(let s): Column(name, .string(StringColumn(dictionary: s.dictionary, codes: Array(s.codes[range]))))
        case .bool(let v): Column(name, .bool(Array(v[range])))
        }
    }

    public func renamed(_ newName: String) -> Column { Column(newName, values) }
}
