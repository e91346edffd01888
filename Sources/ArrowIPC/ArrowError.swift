/// Why Arrow IPC bytes could not be read, or a dataset could not be written as Arrow.
public enum ArrowError: Error, Sendable, Hashable {
    /// The bytes end inside a message; the payload says what was being read.
    case truncated(String)
    /// The bytes are not a valid Arrow IPC stream; the payload says what is wrong.
    case malformed(String)
    /// A column of an Arrow type that no Assay column type holds.
    case unsupportedType(field: String, type: String)
    /// A record batch whose buffers are compressed (`lz4_frame` or `zstd`).
    case compressedBody(codec: String)
    /// Big-endian data: only little-endian streams are read.
    case bigEndian
    /// A metadata version older than V4 (the payload is the version's number, V1 = 1).
    case unsupportedVersion(Int)
    /// A later schema whose columns differ from the first one's.
    case schemaMismatch(expected: String, found: String)
    /// Two columns with the same name; a dataset's column names are distinct.
    case duplicateColumn(String)
    /// Rows asked of a dataset that it does not have.
    case rowsOutOfRange(Range<Int>, rowCount: Int)
}
