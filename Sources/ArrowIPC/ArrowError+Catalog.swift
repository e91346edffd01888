// Every message of `ArrowError`, in one place, so they can be read and tested together.
extension ArrowError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .truncated(let what):
            "arrow stream ends early: \(what)"
        case .malformed(let what):
            "malformed arrow stream: \(what)"
        case .unsupportedType(let field, let type):
            "column `\(field)` has arrow type \(type), which Assay cannot hold"
        case .compressedBody(let codec):
            "arrow record batch is compressed with \(codec), which Assay cannot read"
        case .bigEndian:
            "arrow stream is big-endian; Assay reads little-endian streams only"
        case .unsupportedVersion(let version):
            "arrow metadata version V\(version) is too old; Assay reads V4 and V5"
        case .schemaMismatch(let expected, let found):
            "arrow schema changed within the result: expected \(expected), found \(found)"
        case .duplicateColumn(let name):
            "duplicate column name `\(name)` in the arrow schema"
        case .rowsOutOfRange(let rows, let rowCount):
            "rows \(rows.lowerBound)..<\(rows.upperBound) are outside the dataset's \(rowCount) rows"
        }
    }

    /// How to get past the error, where there is something to do.
    public var help: String? {
        switch self {
        case .unsupportedType:
            "cast or drop the column before collecting it (numbers, strings, booleans, dates and timestamps are read)"
        case .compressedBody:
            "ask the writer for an uncompressed stream"
        case .duplicateColumn:
            "give the columns distinct names (an alias in the query)"
        default:
            nil
        }
    }
}
