#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The records of one byte range of the file, parsed into per-column builders. Chunks are parsed
/// in parallel from speculative starts; `CSVReader` keeps a chunk only if it starts where the
/// previous one ended.
final class CSVChunk {
    let start: Int
    private(set) var end: Int
    private(set) var rows = 0
    private(set) var failure: CSVFailure?
    let columns: UnsafeMutablePointer<ColumnBuilder>
    let columnCount: Int

    init(start: Int, columnCount: Int, forced: [ColumnType?], expectedRows: Int) {
        self.start = start
        self.end = start
        self.columnCount = columnCount
        columns = .allocate(capacity: columnCount)
        for c in 0..<columnCount {
            (columns + c).initialize(to: ColumnBuilder(forced: forced[c], expectedRows: expectedRows))
        }
    }

    deinit {
        for c in 0..<columnCount { columns[c].free() }
        columns.deinitialize(count: columnCount)
        columns.deallocate()
    }

    /// Parses records from `start` until one ends at or after `target`, or the input ends.
    func parse(_ scanner: CSVScanner, target: Int) {
        var scratch = GrowableBuffer<UInt8>(capacity: 256)
        defer { scratch.free() }
        do {
            end = try scanner.parseRecords(from: start, target: target, into: self, scratch: &scratch)
        } catch {
            failure = error
        }
    }

    fileprivate func recordDone() { rows += 1 }
}

/// What every chunk of one file shares: the bytes, the separator, the shape of a record.
struct CSVScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    let separator: UInt8
    let columnCount: Int
    let powers: UnsafePointer<Double>

    @inline(__always)
    static func isMissing(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        switch n {
        case 0: true
        case 2: p[0] == 0x4E && p[1] == 0x41  // NA
        case 3: p[0] == 0x4E && p[1] == 0x61 && p[2] == 0x4E  // NaN
        case 4: p[0] == 0x6E && p[1] == 0x75 && p[2] == 0x6C && p[3] == 0x6C  // null
        default: false
        }
    }

    /// 1 for true, 0 for false (any case), nil otherwise.
    @inline(__always)
    static func bool(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int8? {
        if n == 4, p[0] | 0x20 == 0x74, p[1] | 0x20 == 0x72, p[2] | 0x20 == 0x75, p[3] | 0x20 == 0x65 { return 1 }
        if n == 5, p[0] | 0x20 == 0x66, p[1] | 0x20 == 0x61, p[2] | 0x20 == 0x6C, p[3] | 0x20 == 0x73,
            p[4] | 0x20 == 0x65
        {
            return 0
        }
        return nil
    }

    // MARK: Fields

    /// One field: its value's bytes (unescaped into `scratch` when it had doubled quotes),
    /// whether it was quoted, and where its terminator (separator, CR, LF or the end) is.
    struct Field {
        var value: UnsafePointer<UInt8>
        var length: Int
        var quoted: Bool
        var next: UnsafePointer<UInt8>
    }

    @inline(__always)
    func unquotedEnd(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var q = p
        let separator = separator
        while q < end {
            let c = q.pointee
            if c == separator || c == ASCII.newline || c == ASCII.carriageReturn { break }
            q += 1
        }
        return q
    }

    /// The field at `p`, which starts with a quote.
    func quotedField(_ p: UnsafePointer<UInt8>, scratch: inout GrowableBuffer<UInt8>) throws(CSVFailure) -> Field {
        let end = base + count
        var s = p + 1
        var escaped = false
        var closing = s
        while true {
            guard s < end, let hit = memchr(s, Int32(ASCII.quote), end - s) else {
                throw CSVFailure(kind: .unterminatedQuote, offset: p - base)
            }
            let q = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
            if q + 1 < end, q[1] == ASCII.quote {
                escaped = true
                s = q + 2
                continue
            }
            closing = q
            break
        }
        let next = closing + 1
        if next < end {
            let c = next.pointee
            guard c == separator || c == ASCII.newline || c == ASCII.carriageReturn else {
                throw CSVFailure(kind: .textAfterQuote, offset: next - base)
            }
        }
        guard escaped else { return Field(value: p + 1, length: closing - (p + 1), quoted: true, next: next) }
        scratch.removeAll()
        var q = p + 1
        while q < closing {
            scratch.append(q.pointee)
            q += q.pointee == ASCII.quote ? 2 : 1
        }
        return Field(value: scratch.base, length: scratch.count, quoted: true, next: next)
    }

    @inline(__always)
    func field(_ p: UnsafePointer<UInt8>, scratch: inout GrowableBuffer<UInt8>) throws(CSVFailure) -> Field {
        let end = base + count
        if p < end, p.pointee == ASCII.quote { return try quotedField(p, scratch: &scratch) }
        let next = unquotedEnd(p, end)
        return Field(value: p, length: next - p, quoted: false, next: next)
    }

    // MARK: Records

    /// The hot loop: parses records from `from` until one ends at or after `target`.
    /// Returns where parsing stopped, always a record boundary.
    func parseRecords(
        from: Int, target: Int, into chunk: CSVChunk, scratch: inout GrowableBuffer<UInt8>
    ) throws(CSVFailure) -> Int {
        let end = base + count
        let limit = base + target
        let columns = chunk.columns
        let columnCount = columnCount
        let separator = separator
        let powers = powers
        var p = base + from
        while p < limit {
            let first = p.pointee
            if first == ASCII.newline {
                p += 1
                continue
            }
            if first == ASCII.carriageReturn {
                p += 1
                if p < end, p.pointee == ASCII.newline { p += 1 }
                continue
            }
            var column = 0
            while true {
                guard column < columnCount else {
                    throw CSVFailure(kind: .tooManyFields, offset: p - base)
                }
                let builder = columns + column
                if builder.pointee.kind == .number || builder.pointee.kind == .undecided, p < end,
                    p.pointee != ASCII.quote
                {
                    var q = p
                    if let value = DecimalParser.parse(&q, end: end, separator: separator, powers: powers) {
                        if builder.pointee.kind == .undecided { becomeNumber(builder) }
                        builder.pointee.numbers.append(value)
                        p = q
                    } else {
                        let f = try field(p, scratch: &scratch)
                        try add(f, to: builder, column: column, chunk: chunk, offset: p - base, scratch: &scratch)
                        p = f.next
                    }
                } else {
                    let f = try field(p, scratch: &scratch)
                    try add(f, to: builder, column: column, chunk: chunk, offset: p - base, scratch: &scratch)
                    p = f.next
                }
                if p >= end { break }
                let c = p.pointee
                if c == separator {
                    p += 1
                    column += 1
                    continue
                }
                let lineEnd = p
                p += 1
                if c == ASCII.carriageReturn, p < end, p.pointee == ASCII.newline { p += 1 }
                if column + 1 != columnCount {
                    throw CSVFailure(kind: .tooFewFields(found: column + 1), offset: lineEnd - base)
                }
                break
            }
            if p >= end, column + 1 != columnCount {
                throw CSVFailure(kind: .tooFewFields(found: column + 1), offset: count)
            }
            chunk.recordDone()
        }
        return Swift.min(p - base, count)
    }

    private func becomeNumber(_ builder: UnsafeMutablePointer<ColumnBuilder>) {
        builder.pointee.kind = .number
        builder.pointee.reserve(for: .number)
        builder.pointee.numbers.append(repeating: .nan, count: builder.pointee.missingPrefix)
    }

    private func becomeBool(_ builder: UnsafeMutablePointer<ColumnBuilder>) {
        builder.pointee.kind = .bool
        builder.pointee.reserve(for: .bool)
        builder.pointee.bools.append(repeating: -1, count: builder.pointee.missingPrefix)
    }

    /// Turns a column into strings; values already read as numbers or bools are read again
    /// from the text, so `1.50` stays `1.50`.
    private func becomeString(_ builder: UnsafeMutablePointer<ColumnBuilder>, column: Int, chunk: CSVChunk) {
        let rows = builder.pointee.count
        let wasUndecided = builder.pointee.kind == .undecided
        builder.pointee.kind = .string
        builder.pointee.reserve(for: .string)
        if wasUndecided, !builder.pointee.quotedEmptyInPrefix {
            builder.pointee.codes.append(repeating: -1, count: rows)
        } else {
            collectStrings(column: column, from: chunk.start, rows: rows, into: builder)
        }
    }

    /// Reads column `column` of `rows` records from `from` (already parsed once without error)
    /// as strings into `builder`.
    func collectStrings(column: Int, from: Int, rows: Int, into builder: UnsafeMutablePointer<ColumnBuilder>) {
        var scratch = GrowableBuffer<UInt8>(capacity: 256)
        defer { scratch.free() }
        let end = base + count
        var p = base + from
        var row = 0
        while row < rows, p < end {
            let first = p.pointee
            if first == ASCII.newline || first == ASCII.carriageReturn {
                p += 1
                continue
            }
            var index = 0
            while true {
                guard let f = try? field(p, scratch: &scratch) else { return }
                if index == column {
                    if !f.quoted, CSVScanner.isMissing(f.value, f.length) {
                        builder.pointee.codes.append(-1)
                    } else {
                        builder.pointee.codes.append(builder.pointee.interner.intern(f.value, f.length, offset: p - base))
                    }
                }
                p = f.next
                if p >= end { break }
                let c = p.pointee
                p += 1
                if c == separator {
                    index += 1
                    continue
                }
                if c == ASCII.carriageReturn, p < end, p.pointee == ASCII.newline { p += 1 }
                break
            }
            row += 1
        }
    }

    /// Adds a field that the fast number path did not take, inferring or checking its type.
    private func add(
        _ f: Field, to builder: UnsafeMutablePointer<ColumnBuilder>, column: Int, chunk: CSVChunk, offset: Int,
        scratch: inout GrowableBuffer<UInt8>
    ) throws(CSVFailure) {
        let missing = !f.quoted && CSVScanner.isMissing(f.value, f.length)
        if let forced = builder.pointee.forced {
            switch forced {
            case .string:
                builder.pointee.codes.append(missing ? -1 : builder.pointee.interner.intern(f.value, f.length, offset: offset))
            case .number:
                let text = UnsafeBufferPointer(start: f.value, count: f.length)
                if missing || (f.quoted && text.allSatisfy { $0 == ASCII.space }) {
                    builder.pointee.numbers.append(.nan)
                } else if let value = DecimalParser.parseField(text, powers: powers) {
                    builder.pointee.numbers.append(value)
                } else {
                    throw CSVFailure(kind: .notA(.number, column: column, text: Array(text)), offset: offset)
                }
            case .bool:
                if missing || (f.quoted && f.length == 0) {
                    builder.pointee.bools.append(-1)
                } else if let value = CSVScanner.bool(f.value, f.length) {
                    builder.pointee.bools.append(value)
                } else {
                    throw CSVFailure(
                        kind: .notA(.bool, column: column, text: Array(UnsafeBufferPointer(start: f.value, count: f.length))),
                        offset: offset)
                }
            }
            return
        }
        if missing {
            switch builder.pointee.kind {
            case .undecided: builder.pointee.missingPrefix += 1
            case .number: builder.pointee.numbers.append(.nan)
            case .bool: builder.pointee.bools.append(-1)
            case .string: builder.pointee.codes.append(-1)
            }
            return
        }
        // `""` cannot be a number or a bool: in such a column it is a missing value (CSV writers
        // spell a missing value alone on its line so). In a text column, or a column of nothing
        // else, it is the empty string.
        if f.quoted, f.length == 0, builder.pointee.kind != .string {
            switch builder.pointee.kind {
            case .undecided:
                builder.pointee.missingPrefix += 1
                builder.pointee.quotedEmptyInPrefix = true
            case .number: builder.pointee.numbers.append(.nan)
            case .bool: builder.pointee.bools.append(-1)
            case .string: break
            }
            return
        }
        if !f.quoted, builder.pointee.kind != .string {
            if builder.pointee.kind != .bool,
                let value = DecimalParser.parseField(UnsafeBufferPointer(start: f.value, count: f.length), powers: powers)
            {
                if builder.pointee.kind == .undecided { becomeNumber(builder) }
                builder.pointee.numbers.append(value)
                return
            }
            if builder.pointee.kind != .number, let value = CSVScanner.bool(f.value, f.length) {
                if builder.pointee.kind == .undecided { becomeBool(builder) }
                builder.pointee.bools.append(value)
                return
            }
        }
        if builder.pointee.kind != .string { becomeString(builder, column: column, chunk: chunk) }
        builder.pointee.codes.append(builder.pointee.interner.intern(f.value, f.length, offset: offset))
    }
}
