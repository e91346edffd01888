@testable import ArrowIPC

/// Streams built message by message, to say exactly what is wrong with them.
enum HandMadeStream {
    /// A field of type tag `tag` (Schema.fbs: 3 FloatingPoint, 4 Binary, 5 Utf8, 6 Bool).
    static func field(_ name: String, tag: UInt8, type: FlatObject = .table([]), dictionary: FlatObject? = nil) -> FlatObject {
        .table([.object(.string(name)), .uint8(1), .uint8(tag), .object(type), dictionary.map(FlatField.object), .object(.tables([]))])
    }

    static let float64 = FlatObject.table([.int16(2)])

    static func schema(_ fields: [FlatObject], bigEndian: Bool = false) -> [UInt8] {
        let schema = FlatObject.table([bigEndian ? .int16(1) : nil, .object(.tables(fields))])
        let metadata = FlatBufferBuilder.build(.table([EncapsulatedMessage.version, .uint8(1), .object(schema), .int64(0)]))
        return EncapsulatedMessage.frame(metadata, body: [])
    }

    /// A record batch (header 3) or, with `dictionary`, a dictionary batch (header 2) of it.
    static func batch(rows: Int64, nodes: [(Int64, Int64)], buffers: [(Int64, Int64)], body: [UInt8], dictionary: Int64? = nil) -> [UInt8] {
        func bytes(_ pairs: [(Int64, Int64)]) -> [UInt8] {
            pairs.flatMap { pair in
                [pair.0, pair.1].flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
            }
        }
        var header = FlatObject.table([
            .int64(rows),
            .object(.structs(bytes(nodes), count: nodes.count, alignment: 8)),
            .object(.structs(bytes(buffers), count: buffers.count, alignment: 8)),
        ])
        var tag: UInt8 = 3
        if let dictionary {
            header = .table([.int64(dictionary), .object(header)])
            tag = 2
        }
        let metadata = FlatBufferBuilder.build(.table([EncapsulatedMessage.version, .uint8(tag), .object(header), .int64(Int64(body.count))]))
        return EncapsulatedMessage.frame(metadata, body: body)
    }

    static func littleEndian<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    }

    /// The error reading `bytes` throws, if any.
    static func error(reading bytes: [UInt8]) -> ArrowError? {
        do {
            _ = try ArrowIPC.dataset(from: bytes)
            return nil
        } catch {
            return error
        }
    }
}
