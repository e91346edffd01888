import AssayFrame

/// One column growing batch by batch: numbers, booleans, or codes into strings interned as
/// they arrive (UTF-8 bytes, or day numbers for dates). A class: it owns the interner's memory.
final class ColumnAccumulator {
    let name: String
    let landing: FieldLayout.Landing
    private(set) var numbers: [Double] = []
    private(set) var bools: [Int8] = []
    private(set) var codes: [Int32] = []
    /// UTF-8 bytes of text columns; the 8 bytes of an Int64 day number of date columns.
    private var interner = ByteInterner()
    /// Column code of each entry of the dictionary in `mapped` (text columns sent as dictionaries).
    private var remap: [Int32] = []
    private var mapped: (id: Int64, generation: Int)?
    /// Date columns: the code of recently seen day numbers, by day modulo the size, so most
    /// rows skip hashing (dates in a result are usually few and clustered).
    private var recentDays: [(day: Int64, code: Int32)] = []

    init(name: String, landing: FieldLayout.Landing) {
        self.name = name
        self.landing = landing
    }

    deinit { interner.free() }

    /// Appends one batch's rows of this column.
    func append(_ layout: FieldLayout, _ node: RecordBatchHeader.Node, _ buffers: [UnsafeRawBufferPointer], dictionaries: DictionaryStore) throws(ArrowError) {
        let rows = node.length
        guard rows > 0 else { return }
        switch layout {
        case .null:
            numbers.append(contentsOf: repeatElement(.nan, count: rows))
        case .integer(let bytes, let signed):
            let values = try self.values(buffers[1], rows: rows, width: bytes)
            try appendNumbers(rows, validity: Validity(buffers[0], node: node, name: name)) { out in
                switch (bytes, signed) {
                case (1, true): convert(values, out, rows, Int8.self)
                case (2, true): convert(values, out, rows, Int16.self)
                case (4, true): convert(values, out, rows, Int32.self)
                case (8, true): convert(values, out, rows, Int64.self)
                case (1, false): convert(values, out, rows, UInt8.self)
                case (2, false): convert(values, out, rows, UInt16.self)
                case (4, false): convert(values, out, rows, UInt32.self)
                default: convert(values, out, rows, UInt64.self)
                }
            }
        case .float(let bytes):
            let values = try self.values(buffers[1], rows: rows, width: bytes)
            try appendNumbers(rows, validity: Validity(buffers[0], node: node, name: name)) { out in
                if bytes == 8 {
                    UnsafeMutableRawPointer(out).copyMemory(from: values, byteCount: rows * 8)
                } else {
                    for row in 0..<rows {
                        out[row] = Double(Float(bitPattern: UInt32(littleEndian: values.loadUnaligned(fromByteOffset: row * 4, as: UInt32.self))))
                    }
                }
            }
        case .decimal128(let scale):
            let values = try self.values(buffers[1], rows: rows, width: 16)
            let factor = pow10(abs(scale))
            try appendNumbers(rows, validity: Validity(buffers[0], node: node, name: name)) { out in
                for row in 0..<rows {
                    let low = UInt64(littleEndian: values.loadUnaligned(fromByteOffset: row * 16, as: UInt64.self))
                    let high = Int64(littleEndian: values.loadUnaligned(fromByteOffset: row * 16 + 8, as: Int64.self))
                    let value = Double(Int128(high) << 64 | Int128(low))
                    out[row] = scale >= 0 ? value / factor : value * factor
                }
            }
        case .timestamp(let perSecond):
            let values = try self.values(buffers[1], rows: rows, width: 8)
            try appendNumbers(rows, validity: Validity(buffers[0], node: node, name: name)) { out in
                for row in 0..<rows {
                    out[row] = Double(Int64(littleEndian: values.loadUnaligned(fromByteOffset: row * 8, as: Int64.self))) / perSecond
                }
            }
        case .bool:
            let validity = try Validity(buffers[0], node: node, name: name)
            let bits = try self.values(buffers[1], rows: (rows + 7) / 8, width: 1)
            let start = bools.count
            bools.append(contentsOf: repeatElement(0, count: rows))
            bools.withUnsafeMutableBufferPointer { all in
                guard let out = all.baseAddress.map({ $0 + start }) else { return }
                let bytes = bits.assumingMemoryBound(to: UInt8.self)
                for row in 0..<rows {
                    out[row] = Int8(truncatingIfNeeded: bytes[row >> 3] >> UInt8(row & 7) & 1)
                }
                validity.markMissing(out, count: rows, missing: -1)
            }
        case .utf8(let offsetBytes):
            let validity = try Validity(buffers[0], node: node, name: name)
            let offsets = try StringOffsets(buffers[1], buffers[2], count: rows, width: offsetBytes, name: name)
            let data = buffers[2].baseAddress?.assumingMemoryBound(to: UInt8.self)
            try appendCodes(rows) { (out) throws(ArrowError) in
                for row in 0..<rows {
                    guard validity.isValid(row) else { out[row] = -1; continue }
                    let range = try offsets.range(row)
                    // An empty string may come with no data buffer at all.
                    guard let data else { out[row] = interner.intern(emptyString, 0, offset: 0); continue }
                    out[row] = interner.intern(data + range.lowerBound, range.count, offset: 0)
                }
            }
        case .date(let milliseconds):
            let validity = try Validity(buffers[0], node: node, name: name)
            let values = try self.values(buffers[1], rows: rows, width: milliseconds ? 8 : 4)
            try appendCodes(rows) { out in
                for row in 0..<rows {
                    guard validity.isValid(row) else { out[row] = -1; continue }
                    var day: Int64
                    if milliseconds {
                        let ms = Int64(littleEndian: values.loadUnaligned(fromByteOffset: row * 8, as: Int64.self))
                        day = ms / 86_400_000
                        if ms % 86_400_000 < 0 { day -= 1 }
                    } else {
                        day = Int64(Int32(littleEndian: values.loadUnaligned(fromByteOffset: row * 4, as: Int32.self)))
                    }
                    out[row] = code(ofDay: day)
                }
            }
        case .dictionary(let encoding, _):
            guard let entries = dictionaries.entries[encoding.id] else {
                throw .malformed("column `\(name)` uses dictionary \(encoding.id), which no dictionary batch sent before")
            }
            map(entries, id: encoding.id)
            let validity = try Validity(buffers[0], node: node, name: name)
            let width = encoding.indexBitWidth / 8
            let indices = try self.values(buffers[1], rows: rows, width: width)
            let signed = encoding.indexSigned
            let remap = self.remap
            try appendCodes(rows) { (out) throws(ArrowError) in
                for row in 0..<rows {
                    guard validity.isValid(row) else { out[row] = -1; continue }
                    let index = ColumnAccumulator.index(indices, row, width: width, signed: signed)
                    guard index >= 0, index < remap.count else {
                        throw .malformed("column `\(name)` row \(row) has dictionary index \(index) of \(remap.count) entries")
                    }
                    out[row] = remap[index]
                }
            }
        }
    }

    /// The column of everything appended so far.
    func column() throws(ArrowError) -> Column {
        switch landing {
        case .number: return Column(name, .number(numbers))
        case .bool: return Column(name, .bool(bools))
        case .text:
            var dictionary: [String] = []
            dictionary.reserveCapacity(interner.count)
            for code in 0..<interner.count {
                guard let text = String(validating: interner.bytes(code), as: UTF8.self) else {
                    throw .malformed("column `\(name)` has a string that is not valid UTF-8")
                }
                dictionary.append(text)
            }
            return Column(name, .string(StringColumn(dictionary: dictionary, codes: codes)))
        case .date:
            let dictionary = (0..<interner.count).map { code in
                CivilDate(days: UnsafeRawBufferPointer(interner.bytes(code)).loadUnaligned(as: Int64.self)).description
            }
            return Column(name, .string(StringColumn(dictionary: dictionary, codes: codes)))
        }
    }

    // MARK: - Helpers of the hot loops

    /// The first `rows` values of `width` bytes of a data buffer, or an error if it is short.
    private func values(_ buffer: UnsafeRawBufferPointer, rows: Int, width: Int) throws(ArrowError) -> UnsafeRawPointer {
        guard buffer.count / width >= rows, let base = buffer.baseAddress else {
            throw .malformed("column `\(name)` has a data buffer of \(buffer.count) bytes for \(rows) values of \(width) bytes")
        }
        return base
    }

    /// Grows the numbers by `rows`, lets `fill` write them, then marks the null ones missing.
    private func appendNumbers(_ rows: Int, validity: Validity, _ fill: (UnsafeMutablePointer<Double>) -> Void) {
        let start = numbers.count
        numbers.append(contentsOf: repeatElement(.nan, count: rows))
        numbers.withUnsafeMutableBufferPointer { all in
            guard let out = all.baseAddress.map({ $0 + start }) else { return }
            fill(out)
            validity.markMissing(out, count: rows, missing: .nan)
        }
    }

    /// Grows the codes by `rows` and lets `fill` write them.
    private func appendCodes(_ rows: Int, _ fill: (UnsafeMutablePointer<Int32>) throws(ArrowError) -> Void) throws(ArrowError) {
        let start = codes.count
        codes.append(contentsOf: repeatElement(-1, count: rows))
        let result = codes.withUnsafeMutableBufferPointer { all in
            Result<Void, ArrowError> { () throws(ArrowError) in
                guard let out = all.baseAddress.map({ $0 + start }) else { return }
                try fill(out)
            }
        }
        try result.get()
    }

    /// The code of a date column's day number, interned by its 8 bytes.
    @inline(__always)
    private func code(ofDay day: Int64) -> Int32 {
        if recentDays.isEmpty { recentDays = Array(repeating: (Int64.min, -1), count: 4096) }
        let slot = Int(truncatingIfNeeded: day) & 4095
        if recentDays[slot].day == day { return recentDays[slot].code }
        var key = day
        let code = withUnsafeBytes(of: &key) { raw in
            interner.intern(raw.assumingMemoryBound(to: UInt8.self).baseAddress ?? emptyString, 8, offset: 0)
        }
        recentDays[slot] = (day, code)
        return code
    }

    /// Maps the dictionary's entries not mapped yet to this column's codes (all of them when
    /// the dictionary was replaced): one intern per entry, none per row.
    private func map(_ entries: DictionaryStore.Entries, id: Int64) {
        if mapped?.id != id || mapped?.generation != entries.generation {
            remap.removeAll(keepingCapacity: true)
            mapped = (id, entries.generation)
        }
        guard remap.count < entries.count else { return }
        entries.bytes.withUnsafeBufferPointer { bytes in
            for entry in remap.count..<entries.count {
                guard !entries.missing[entry] else { remap.append(-1); continue }
                let start = entries.starts[entry]
                let pointer = bytes.baseAddress.map { $0 + start } ?? emptyString
                remap.append(interner.intern(pointer, entries.starts[entry + 1] - start, offset: 0))
            }
        }
    }

    @inline(__always)
    private static func index(_ indices: UnsafeRawPointer, _ row: Int, width: Int, signed: Bool) -> Int {
        switch (width, signed) {
        case (1, true): Int(indices.loadUnaligned(fromByteOffset: row, as: Int8.self))
        case (1, false): Int(indices.loadUnaligned(fromByteOffset: row, as: UInt8.self))
        case (2, true): Int(Int16(littleEndian: indices.loadUnaligned(fromByteOffset: row * 2, as: Int16.self)))
        case (2, false): Int(UInt16(littleEndian: indices.loadUnaligned(fromByteOffset: row * 2, as: UInt16.self)))
        case (4, true): Int(Int32(littleEndian: indices.loadUnaligned(fromByteOffset: row * 4, as: Int32.self)))
        case (4, false): Int(UInt32(littleEndian: indices.loadUnaligned(fromByteOffset: row * 4, as: UInt32.self)))
        case (_, true): Int(Int64(littleEndian: indices.loadUnaligned(fromByteOffset: row * 8, as: Int64.self)))
        default: Int(truncatingIfNeeded: UInt64(littleEndian: indices.loadUnaligned(fromByteOffset: row * 8, as: UInt64.self)))
        }
    }
}

/// A valid pointer for zero-length strings that come with no buffer.
/// Never written after it is made, so sharing it across threads is sound.
nonisolated(unsafe) private let emptyString: UnsafePointer<UInt8> = {
    let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return UnsafePointer(pointer)
}()

/// Integers of type `T` to doubles: exact up to 2^53 in magnitude, rounded beyond.
@inline(__always)
private func convert<T: FixedWidthInteger>(_ values: UnsafeRawPointer, _ out: UnsafeMutablePointer<Double>, _ rows: Int, _ type: T.Type) {
    for row in 0..<rows {
        out[row] = Double(T(littleEndian: values.loadUnaligned(fromByteOffset: row * MemoryLayout<T>.size, as: T.self)))
    }
}

/// 10^n as a double (exact up to 10^22; infinite past 10^308).
private func pow10(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<Swift.min(n, 400) { result *= 10 }
    return result
}
