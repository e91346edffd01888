import AssayFrame

/// A record batch's body being written: each column's buffers appended 8-aligned, with the
/// field nodes and buffer locations the metadata lists (as the structs' raw bytes).
struct BodyWriter {
    private(set) var bytes: [UInt8] = []
    /// FieldNode structs: length, null count (two Int64 each).
    private(set) var nodes: [UInt8] = []
    /// Buffer structs: offset, length (two Int64 each).
    private(set) var buffers: [UInt8] = []

    /// Appends the rows `rows` of `column`: validity (empty without nulls), then values.
    /// False, with nothing appended, when the column's text is too long for Utf8's 32-bit
    /// offsets (the batch must be cut smaller).
    mutating func add(_ column: Column, _ rows: Range<Int>) -> Bool {
        var validity = [UInt8](repeating: 0xFF, count: (rows.count + 7) / 8)
        var nulls = 0
        func markNull(_ row: Int) {
            validity[row >> 3] &= ~(1 << UInt8(row & 7))
            nulls += 1
        }
        var values: [UInt8] = []
        var data: [UInt8]?
        switch column.values {
        case .number(let numbers):
            let slice = numbers[rows]
            for (row, value) in slice.enumerated() where value.isNaN { markNull(row) }
            slice.withUnsafeBytes { values.append(contentsOf: $0) }
        case .bool(let flags):
            values = [UInt8](repeating: 0, count: (rows.count + 7) / 8)
            for (row, flag) in flags[rows].enumerated() {
                if flag < 0 { markNull(row) } else if flag == 1 { values[row >> 3] |= 1 << UInt8(row & 7) }
            }
        case .string(let strings):
            var text: [UInt8] = []
            values.reserveCapacity(4 * (rows.count + 1))
            append(Int32(0), to: &values)
            for (row, code) in strings.codes[rows].enumerated() {
                if code < 0 { markNull(row) } else { text.append(contentsOf: strings.dictionary[Int(code)].utf8) }
                guard let offset = Int32(exactly: text.count) else { return false }
                append(offset, to: &values)
            }
            data = text
        }
        append(Int64(rows.count), to: &nodes)
        append(Int64(nulls), to: &nodes)
        add(buffer: nulls > 0 ? validity : [])
        add(buffer: values)
        if let data { add(buffer: data) }
        return true
    }

    private mutating func add(buffer: [UInt8]) {
        append(Int64(bytes.count), to: &buffers)
        append(Int64(buffer.count), to: &buffers)
        bytes += buffer
        bytes += repeatElement(0, count: (8 - buffer.count % 8) % 8)
    }

    private func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }
}
