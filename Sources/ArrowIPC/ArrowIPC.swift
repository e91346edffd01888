import AssayFrame

/// # ArrowIPC
///
/// Apache Arrow's IPC *streaming* format to and from AssayFrame datasets, in pure Swift: a
/// minimal FlatBuffers reader and builder for the metadata, the buffers read in place.
///
/// Reading (`ArrowStreamDecoder`, or `ArrowIPC.dataset(from:)` for bytes at hand) takes a
/// stream or several in a row, with the continuation framing (`0xFFFFFFFF`, int32 length) or
/// the older one (int32 length), metadata V4 or V5, little-endian only. Columns keep Arrow's
/// field names (duplicates are an error, as a `Dataset` needs distinct names). Types:
///
/// | Arrow                                    | Assay column                                       |
/// |------------------------------------------|----------------------------------------------------|
/// | float64, float32                         | number                                             |
/// | int8-64, uint8-64                        | number (exact up to 2^53 in magnitude, rounded past) |
/// | decimal128(p, s)                         | number: the integer times 10^-s, rounded to Double |
/// | timestamp (any unit, any or no timezone) | number: seconds since 1970-01-01 UTC (a ns count loses digits below about 0.1 µs for today's dates) |
/// | null                                     | number, every row missing                          |
/// | bool                                     | bool                                               |
/// | utf8, large_utf8                         | string, values interned into the dictionary        |
/// | dictionary<utf8 or large_utf8>           | string: each dictionary entry mapped once, deltas too |
/// | date32, date64                           | string "YYYY-MM-DD" (dictionary-encoded)           |
///
/// A null is a missing value; a float NaN also reads as missing, since Assay has one marker.
///
/// Not read, with `ArrowError.unsupportedType` naming the column: binary, large_binary,
/// fixed_size_binary, float16, decimal256, time32/64, duration, interval, list and the other
/// nested types, run-end encoded and view types, dictionaries of anything but strings.
/// Compressed bodies (LZ4_FRAME, ZSTD) are `ArrowError.compressedBody`: decompressing them
/// needs a codec library, which this module does not depend on. Big-endian streams and
/// metadata before V4 are refused too. The file format (`ARROW1` magic and footer) is not read.
///
/// Writing (`ArrowStreamWriter`): number as float64, string as plain utf8, bool as bool, each
/// nullable with a validity bitmap for missing values; streams can be cut by a row count.
public enum ArrowIPC {
    /// The dataset in `bytes`: one stream or several in a row, each schema like the first.
    public static func dataset(from bytes: some Collection<UInt8>) throws(ArrowError) -> Dataset {
        let decoder = ArrowStreamDecoder()
        try decoder.feed(bytes)
        return try decoder.finish()
    }

    /// The column names and Assay types of the stream in `bytes`, from its schema message
    /// alone (no batch is read, and bytes after the schema need not be there).
    public static func schema(from bytes: some Collection<UInt8>) throws(ArrowError) -> Schema {
        let read = bytes.withContiguousStorageIfAvailable { buffer in
            Result<Schema, ArrowError> { () throws(ArrowError) in try schema(in: UnsafeRawBufferPointer(buffer)) }
        }
        if let read { return try read.get() }
        return try schema(from: Array(bytes))
    }

    private static func schema(in bytes: UnsafeRawBufferPointer) throws(ArrowError) -> Schema {
        guard case .message(let message, _, _) = try MessageFrame.next(in: bytes, at: 0) else {
            throw .truncated("no whole schema message in \(bytes.count) bytes")
        }
        guard case .schema(let fields) = message.header else {
            throw .malformed("the stream does not start with a schema message")
        }
        var schema: [Schema.Field] = []
        for field in fields {
            schema.append(Schema.Field(field.name, try FieldLayout(field).landing.columnType))
        }
        return Schema(schema)
    }
}
