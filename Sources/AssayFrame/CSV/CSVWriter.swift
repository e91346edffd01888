#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes datasets as RFC 4180 CSV that `CSVReader` reads back to an equal dataset: numbers in
/// their shortest round-trip form (integral values without `.0`), missing values as empty
/// fields, bools as `true`/`false`, and strings quoted whenever they would otherwise read back
/// as something else (empty, a missing token, a number or bool, a separator, quote, line break
/// or surrounding space).
public enum CSVWriter {
    /// Writes RFC 4180 CSV (quoting where needed) that CSVReader reads back to an equal dataset;
    /// a `.tsv` or `.tab` file is tab-separated, as the reader expects of such a name.
    public static func write(_ dataset: Dataset, to path: String) throws(FrameError) {
        let bytes = encode(dataset, separator: CSVOptions().separator(forFileNamed: path))
        let location = FileLocation(file: path, line: 1, column: 1)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw FrameError("cannot write `\(path)`: \(String(cString: strerror(errno)).lowercased())", location: location)
        }
        defer { _ = close(fd) }
        var written = 0
        let failure: Int32? = bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress.unsafelyUnwrapped + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += n
            }
            return nil
        }
        if let failure {
            throw FrameError("cannot write `\(path)`: \(String(cString: strerror(failure)).lowercased())", location: location)
        }
    }

    /// The file's bytes; `separator` is the byte between fields (a comma unless given).
    public static func encode(_ dataset: Dataset, separator: UInt8 = 0x2C) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + dataset.rowCount * dataset.columnCount * 8)
        for (index, column) in dataset.columns.enumerated() {
            if index > 0 { out.append(separator) }
            appendText(column.name, to: &out)
        }
        out.append(ASCII.newline)
        // Each string column's dictionary entries are rendered once.
        let rendered: [[[UInt8]]] = dataset.columns.map { column in
            guard case .string(let strings) = column.values else { return [] }
            return strings.dictionary.map { value in
                var bytes: [UInt8] = []
                appendText(value, to: &bytes)
                return bytes
            }
        }
        // A one-column row with a missing value would be an empty line, which readers skip:
        // such a row is written as the missing token `NA` instead (a string "NA" is quoted).
        let missingToken: [UInt8] = dataset.columnCount == 1 ? Array("NA".utf8) : []
        for row in 0..<dataset.rowCount {
            let rowStart = out.count
            for (index, column) in dataset.columns.enumerated() {
                if index > 0 { out.append(separator) }
                switch column.values {
                case .number(let values):
                    appendNumber(values[row], to: &out)
                case .bool(let values):
                    if values[row] >= 0 { out.append(contentsOf: values[row] == 1 ? "true".utf8 : "false".utf8) }
                case .string(let strings):
                    let code = strings.codes[row]
                    if code >= 0 { out.append(contentsOf: rendered[index][Int(code)]) }
                }
            }
            if out.count == rowStart { out.append(contentsOf: missingToken) }
            out.append(ASCII.newline)
        }
        return out
    }

    static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        if value.isNaN { return }
        if value == value.rounded(), abs(value) < 9.007_199_254_740_992e15 {
            if value == 0, value.sign == .minus {
                out.append(contentsOf: "-0".utf8)
            } else {
                out.append(contentsOf: String(Int64(value)).utf8)
            }
            return
        }
        out.append(contentsOf: value.description.utf8)
    }

    static func appendText(_ value: String, to out: inout [UInt8]) {
        let bytes = Array(value.utf8)
        if needsQuotes(bytes) {
            out.append(ASCII.quote)
            for byte in bytes {
                out.append(byte)
                if byte == ASCII.quote { out.append(ASCII.quote) }
            }
            out.append(ASCII.quote)
        } else {
            out.append(contentsOf: bytes)
        }
    }

    /// Whether a string must be quoted to read back as the same string.
    static func needsQuotes(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == ASCII.space || last == ASCII.space || first == ASCII.tab || last == ASCII.tab { return true }
        if bytes.contains(where: { $0 == ASCII.comma || $0 == ASCII.quote || $0 == ASCII.newline || $0 == ASCII.carriageReturn || $0 == ASCII.tab }) {
            return true
        }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return true }
            if CSVScanner.isMissing(p, buffer.count) || CSVScanner.bool(p, buffer.count) != nil { return true }
            return DecimalParser.parseField(buffer, powers: DecimalParser.powerTable) != nil
        }
    }
}
