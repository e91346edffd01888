import AssayFrame

/// The messages a writer sends, as metadata flatbuffers framed with the continuation marker.
enum EncapsulatedMessage {
    /// MetadataVersion V5.
    static let version = FlatField.int16(4)
    /// The continuation marker and a zero length.
    static let endOfStream: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]

    /// `0xFFFFFFFF`, the metadata's length padded so the body starts 8-aligned, the metadata,
    /// the body (already padded by `BodyWriter`).
    static func frame(_ metadata: [UInt8], body: [UInt8]) -> [UInt8] {
        let padded = (metadata.count + 7) & ~7
        var out: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
        out.reserveCapacity(8 + padded + body.count)
        withUnsafeBytes(of: Int32(padded).littleEndian) { out.append(contentsOf: $0) }
        out += metadata
        out += repeatElement(0, count: padded - metadata.count)
        out += body
        return out
    }

    /// A Schema message: every column nullable, numbers Float64, strings Utf8, booleans Bool.
    static func schema(_ dataset: Dataset) -> [UInt8] {
        let fields = dataset.columns.map { column -> FlatObject in
            // Type union tags from Schema.fbs: FloatingPoint 3 (precision DOUBLE = 2), Utf8 5, Bool 6.
            let (tag, type): (UInt8, FlatObject) =
                switch column.type {
                case .number: (3, .table([.int16(2)]))
                case .string: (5, .table([]))
                case .bool: (6, .table([]))
                }
            return .table([.object(.string(column.name)), .uint8(1), .uint8(tag), .object(type), nil, .object(.tables([]))])
        }
        let schema = FlatObject.table([nil, .object(.tables(fields))])
        return FlatBufferBuilder.build(.table([version, .uint8(1), .object(schema), .int64(0)]))
    }

    /// A RecordBatch message for a body written by `body`.
    static func recordBatch(rows: Int, _ body: BodyWriter) -> [UInt8] {
        let batch = FlatObject.table([
            .int64(Int64(rows)),
            .object(.structs(body.nodes, count: body.nodes.count / 16, alignment: 8)),
            .object(.structs(body.buffers, count: body.buffers.count / 16, alignment: 8)),
        ])
        return FlatBufferBuilder.build(.table([version, .uint8(3), .object(batch), .int64(Int64(body.bytes.count))]))
    }
}
