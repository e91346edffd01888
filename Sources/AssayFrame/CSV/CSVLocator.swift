/// Turns byte offsets into 1-based lines and columns (in characters, the byte order mark not
/// counted), and scanning failures into the messages a person reads.
struct CSVLocator {
    let scanner: CSVScanner
    let contentStart: Int
    let file: String

    private var base: UnsafePointer<UInt8> { scanner.base }
    private var count: Int { scanner.count }

    func location(_ offset: Int) -> FileLocation {
        let offset = Swift.min(Swift.max(offset, contentStart), count)
        var line = 1
        var lineStart = contentStart
        for i in contentStart..<offset where base[i] == ASCII.newline {
            line += 1
            lineStart = i + 1
        }
        var column = 1
        for i in lineStart..<offset where base[i] & 0xC0 != 0x80 { column += 1 }
        return FileLocation(file: file, line: line, column: column)
    }

    func error(_ failure: CSVFailure, columnNames names: [String]) -> FrameError {
        var error: FrameError
        switch failure.kind {
        case .tooManyFields:
            let found = names.count + fieldsFrom(failure.offset)
            error = FrameError(
                "row has \(found) fields, the header has \(names.count)",
                help: "quote fields that contain the separator, like \"a, b\"")
        case .tooFewFields(let found):
            error = FrameError(
                "row has \(found) \(found == 1 ? "field" : "fields"), the header has \(names.count)",
                help: "leave a missing value empty but keep its separator")
        case .unterminatedQuote:
            error = FrameError(
                "unterminated quoted field",
                help: "end the field with `\"`, and write a quote inside a quoted field as `\"\"`")
        case .textAfterQuote:
            let c = failure.offset < count ? base[failure.offset] : 0
            let shown = c < 0x80 && c >= 0x20 ? String(UnicodeScalar(c)) : "text"
            error = FrameError(
                "unexpected `\(shown)` after the closing quote of a field",
                help: "write a quote inside a quoted field as `\"\"`")
        case .notA(let type, let column, let text):
            let value = String(decoding: text.prefix(40), as: UTF8.self)
            let name = column >= 0 && column < names.count ? names[column] : "?"
            error = FrameError(
                "cannot read `\(value)` as a \(type.rawValue) in column `\(name)`",
                help: type == .bool
                    ? "bools are `true` or `false`; leave `\(name)` out of types to infer its type"
                    : "leave `\(name)` out of types to infer its type")
        case .invalidUTF8(let column):
            let place = column >= 0 && column < names.count ? "column `\(names[column])`" : "the header row"
            error = FrameError("invalid UTF-8 in \(place)", help: "save the file as UTF-8")
        }
        error.location = location(failure.offset)
        return error
    }

    /// The fields from `offset` to the end of its record, for the message about a long row.
    private func fieldsFrom(_ offset: Int) -> Int {
        var scratch = GrowableBuffer<UInt8>(capacity: 64)
        defer { scratch.free() }
        var p = base + offset
        let end = base + count
        var fields = 0
        while true {
            guard let f = try? scanner.field(p, scratch: &scratch) else { return fields + 1 }
            fields += 1
            p = f.next
            guard p < end, p.pointee == scanner.separator else { return fields }
            p += 1
        }
    }
}

/// "Did you mean" for names: the closest by edit distance, if close enough to be a typo.
enum Suggestion {
    static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(target, Array(candidate.lowercased().unicodeScalars))
            if d <= Swift.max(1, target.count / 3), d < best?.1 ?? .max { best = (candidate, d) }
        }
        return best?.0
    }

    /// Edits (insert, delete, replace, swap of neighbours) that turn `a` into `b`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                var d = Swift.min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = Swift.min(d, table[i - 2][j - 2] + 1) }
                table[i][j] = d
            }
        }
        return table[a.count][b.count]
    }
}
