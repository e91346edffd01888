/// Joins one column's pieces from every chunk into its final values, settling its type (a
/// column that is numbers in one chunk and text in another is text) and freeing each piece
/// as soon as it is copied, so peak memory stays near the size of the finished columns.
enum CSVColumnAssembler {
    static func assemble(
        column: Int, chunks: [CSVChunk], scanner: CSVScanner, forced: ColumnType?, locator: CSVLocator, names: [String]
    ) throws(FrameError) -> ColumnValues {
        var kind = ColumnBuilder.Kind.undecided
        for chunk in chunks { kind = ColumnBuilder.join(kind, chunk.columns[column].kind) }
        // Nothing but missing values and `""`: the empty strings of a text column.
        if kind == .undecided, chunks.contains(where: { $0.columns[column].quotedEmptyInPrefix }) { kind = .string }
        let total = chunks.reduce(0) { $0 + $1.rows }
        defer { for chunk in chunks { release(chunk.columns + column) } }
        switch kind {
        case .undecided, .number:
            let values = [Double](unsafeUninitializedCapacity: total) { buffer, initialized in
                var at = 0
                for chunk in chunks {
                    let piece = chunk.columns + column
                    if piece.pointee.kind == .number {
                        _ = UnsafeMutableBufferPointer(rebasing: buffer[at..<(at + chunk.rows)])
                            .initialize(fromContentsOf: piece.pointee.numbers.buffer)
                    } else {
                        (buffer.baseAddress.unsafelyUnwrapped + at).initialize(repeating: .nan, count: chunk.rows)
                    }
                    at += chunk.rows
                    release(piece)
                }
                initialized = at
            }
            return .number(values)
        case .bool:
            let values = [Int8](unsafeUninitializedCapacity: total) { buffer, initialized in
                var at = 0
                for chunk in chunks {
                    let piece = chunk.columns + column
                    if piece.pointee.kind == .bool {
                        _ = UnsafeMutableBufferPointer(rebasing: buffer[at..<(at + chunk.rows)])
                            .initialize(fromContentsOf: piece.pointee.bools.buffer)
                    } else {
                        (buffer.baseAddress.unsafelyUnwrapped + at).initialize(repeating: -1, count: chunk.rows)
                    }
                    at += chunk.rows
                    release(piece)
                }
                initialized = at
            }
            return .bool(values)
        case .string:
            return .string(try strings(column: column, chunks: chunks, total: total, scanner: scanner, locator: locator, names: names))
        }
    }

    private static func strings(
        column: Int, chunks: [CSVChunk], total: Int, scanner: CSVScanner, locator: CSVLocator, names: [String]
    ) throws(FrameError) -> StringColumn {
        var dictionary: [String] = []
        var index: [String: Int32] = [:]
        var failure: CSVFailure?
        let codes = [Int32](unsafeUninitializedCapacity: total) { buffer, initialized in
            var at = 0
            for chunk in chunks {
                let piece = chunk.columns + column
                switch piece.pointee.kind {
                case .undecided where !piece.pointee.quotedEmptyInPrefix:
                    (buffer.baseAddress.unsafelyUnwrapped + at).initialize(repeating: -1, count: chunk.rows)
                    at += chunk.rows
                    continue
                case .undecided, .number, .bool:
                    // Numbers here, text elsewhere: read this chunk's fields again as text.
                    release(piece)
                    piece.pointee.kind = .string
                    scanner.collectStrings(column: column, from: chunk.start, rows: chunk.rows, into: piece)
                case .string:
                    break
                }
                let interner = piece.pointee.interner
                var remap = [Int32](repeating: -1, count: interner.count)
                for local in 0..<interner.count {
                    guard let text = String(validating: interner.bytes(local), as: UTF8.self) else {
                        failure = CSVFailure(kind: .invalidUTF8(column: column), offset: interner.firstOffsets[local])
                        break
                    }
                    if let code = index[text] {
                        remap[local] = code
                    } else {
                        let code = Int32(dictionary.count)
                        index[text] = code
                        dictionary.append(text)
                        remap[local] = code
                    }
                }
                if failure != nil { break }
                let local = piece.pointee.codes
                remap.withUnsafeBufferPointer { remap in
                    for row in 0..<chunk.rows {
                        let code = local[row]
                        (buffer.baseAddress.unsafelyUnwrapped + at + row).initialize(to: code < 0 ? -1 : remap[Int(code)])
                    }
                }
                at += chunk.rows
                release(piece)
            }
            initialized = failure == nil ? at : 0
        }
        if let failure { throw locator.error(failure, columnNames: names) }
        return StringColumn(dictionary: dictionary, codes: codes)
    }

    /// Frees a piece's storage and leaves it empty, so a second release does nothing.
    private static func release(_ piece: UnsafeMutablePointer<ColumnBuilder>) {
        piece.pointee.free()
        piece.pointee = ColumnBuilder(forced: nil, expectedRows: 0)
        piece.pointee.kind = .undecided
    }
}
