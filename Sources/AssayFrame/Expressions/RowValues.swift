/// The value of a row expression during evaluation: a whole column of one type, or a scalar that
/// stands for every row (literals, and functions of literals), so `age > 30` never builds a column
/// of 30s. Missing follows the column encodings: NaN, code -1, bool -1.
enum RowValues {
    case numbers([Double])
    case number(Double)
    case strings(StringColumn)
    case string(String?)
    case bools([Int8])
    case bool(Int8)
    /// The `null` literal: a missing value of whatever type the context asks for.
    case null

    init(_ column: Column) {
        switch column.values {
        case .number(let values): self = .numbers(values)
        case .string(let values): self = .strings(values)
        case .bool(let values): self = .bools(values)
        }
    }

    /// A column of `count` rows; scalars are repeated, and `null` alone becomes missing numbers.
    func column(named name: String, count: Int) -> Column {
        switch self {
        case .numbers(let values): Column(name, .number(values))
        case .number(let value): Column(name, .number(Array(repeating: value, count: count)))
        case .strings(let values): Column(name, .string(values))
        case .string(let value):
            Column(name, .string(StringColumn(dictionary: value.map { [$0] } ?? [], codes: Array(repeating: value == nil ? -1 : 0, count: count))))
        case .bools(let values): Column(name, .bool(values))
        case .bool(let value): Column(name, .bool(Array(repeating: value, count: count)))
        case .null: Column(name, .number(Array(repeating: .nan, count: count)))
        }
    }

    var numbers: Operand<Double>? {
        switch self {
        case .numbers(let values): .vector(values)
        case .number(let value): .scalar(value)
        case .null: .scalar(.nan)
        default: nil
        }
    }

    var bools: Operand<Int8>? {
        switch self {
        case .bools(let values): .vector(values)
        case .bool(let value): .scalar(value)
        case .null: .scalar(-1)
        default: nil
        }
    }

    /// Strings as a column or a scalar (nil: missing).
    var strings: StringOperand? {
        switch self {
        case .strings(let values): .vector(values)
        case .string(let value): .scalar(value)
        case .null: .scalar(nil)
        default: nil
        }
    }
}

/// Numbers or bools of one operand: a column's buffer or one value for all rows.
enum Operand<Element> {
    case vector([Element])
    case scalar(Element)

    /// Every row's value in a buffer of `count`, for functions of three operands.
    func values(count: Int) -> [Element] {
        switch self {
        case .vector(let values): values
        case .scalar(let value): Array(repeating: value, count: count)
        }
    }
}

enum StringOperand {
    case vector(StringColumn)
    case scalar(String?)
}

extension RowValues {
    init(_ operand: Operand<Double>) {
        switch operand {
        case .vector(let values): self = .numbers(values)
        case .scalar(let value): self = .number(value)
        }
    }

    init(_ operand: Operand<Int8>) {
        switch operand {
        case .vector(let values): self = .bools(values)
        case .scalar(let value): self = .bool(value)
        }
    }
}

/// Elementwise kernels on contiguous buffers. Closures are specialized away at -O; each loop
/// reads and writes plain arrays.
enum RowKernel {
    @inline(__always)
    static func map<T, R>(_ a: Operand<T>, _ f: (T) -> R) -> Operand<R> {
        switch a {
        case .scalar(let x): .scalar(f(x))
        case .vector(let xs): .vector(xs.map(f))
        }
    }

    @inline(__always)
    static func zip<T, R>(_ a: Operand<T>, _ b: Operand<T>, _ f: (T, T) -> R) -> Operand<R> {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return .scalar(f(x, y))
        case (.vector(let xs), .scalar(let y)): return .vector(xs.map { f($0, y) })
        case (.scalar(let x), .vector(let ys)): return .vector(ys.map { f(x, $0) })
        case (.vector(let xs), .vector(let ys)):
            let count = Swift.min(xs.count, ys.count)
            return .vector(
                [R](unsafeUninitializedCapacity: count) { buffer, initialized in
                    xs.withUnsafeBufferPointer { x in
                        ys.withUnsafeBufferPointer { y in
                            for i in 0..<count { buffer.initializeElement(at: i, to: f(x[i], y[i])) }
                        }
                    }
                    initialized = count
                })
        }
    }

    /// A per-code table applied to every row: how string functions avoid per-row strings.
    /// Missing codes (and, defensively, codes outside the dictionary) give `missing`.
    static func gather<R>(_ table: [R], _ codes: [Int32], missing: R) -> [R] {
        codes.map { code in code >= 0 && Int(code) < table.count ? table[Int(code)] : missing }
    }
}
