/// One column of one chunk while it is parsed: its inferred kind so far and the values in the
/// storage of that kind.
struct ColumnBuilder {
    enum Kind: UInt8 {
        /// Only missing values so far (counted in `missingPrefix`).
        case undecided
        case number
        case bool
        case string
    }

    var kind: Kind
    /// A type from `CSVOptions.types`: fixed from the start, and values must fit it.
    let forced: ColumnType?
    var missingPrefix = 0
    /// Whether a quoted empty field (`""`) was counted as missing while the kind was undecided:
    /// if the column turns out to be text, its rows are read again so `""` is the empty string.
    var quotedEmptyInPrefix = false
    var numbers = GrowableBuffer<Double>(capacity: 16)
    var bools = GrowableBuffer<Int8>(capacity: 16)
    var codes = GrowableBuffer<Int32>(capacity: 16)
    var interner = ByteInterner()
    let expectedRows: Int

    init(forced: ColumnType?, expectedRows: Int) {
        self.forced = forced
        self.expectedRows = expectedRows
        switch forced {
        case nil: kind = .undecided
        case .number?: kind = .number
        case .bool?: kind = .bool
        case .string?: kind = .string
        }
        reserve(for: kind)
    }

    mutating func reserve(for kind: Kind) {
        switch kind {
        case .undecided: break
        case .number: numbers.reserve(expectedRows)
        case .bool: bools.reserve(expectedRows)
        case .string: codes.reserve(expectedRows)
        }
    }

    var count: Int {
        switch kind {
        case .undecided: missingPrefix
        case .number: numbers.count
        case .bool: bools.count
        case .string: codes.count
        }
    }

    func free() {
        numbers.free()
        bools.free()
        codes.free()
        interner.free()
    }

    /// The kind of a column whose chunks were inferred as `a` and `b`.
    static func join(_ a: Kind, _ b: Kind) -> Kind {
        if a == b || b == .undecided { return a }
        if a == .undecided { return b }
        return .string
    }
}
