/// The metadata of one IPC message (a `Message` table of Message.fbs) and its body's length.
struct ArrowMessage {
    enum Header {
        case schema([ArrowField])
        case recordBatch(RecordBatchHeader)
        case dictionaryBatch(id: Int64, isDelta: Bool, RecordBatchHeader)
    }

    var header: Header
    var bodyLength: Int

    /// Message: version 0, header 1-2, bodyLength 3. Tensors and unknown headers are refused.
    init(_ metadata: FlatBuffer) throws(ArrowError) {
        let message = try metadata.root()
        let version = try message.scalar(0, default: Int16(0))
        guard version >= 3 else { throw .unsupportedVersion(Int(version) + 1) }
        let length = try message.scalar(3, default: Int64(0))
        guard length >= 0, length <= Int64(Int.max) else { throw .malformed("message body length \(length)") }
        bodyLength = Int(length)
        let (tag, table) = try message.union(1)
        guard let table else { throw .malformed("message without a header") }
        switch tag {
        case 1: header = .schema(try ArrowMessage.fields(of: table))
        case 2:
            guard let data = try table.table(1) else { throw .malformed("dictionary batch without data") }
            header = .dictionaryBatch(
                id: try table.scalar(0, default: Int64(0)), isDelta: try table.bool(2, default: false),
                try RecordBatchHeader(data))
        case 3: header = .recordBatch(try RecordBatchHeader(table))
        default: throw .malformed("message header of type \(tag) (tensors are not part of a stream)")
        }
    }

    /// Schema: endianness 0 (0 little, 1 big), fields 1.
    static func fields(of schema: FlatTable) throws(ArrowError) -> [ArrowField] {
        guard try schema.scalar(0, default: Int16(0)) == 0 else { throw .bigEndian }
        var fields: [ArrowField] = []
        for table in try schema.tables(1) ?? [] {
            fields.append(try ArrowField(table))
        }
        return fields
    }
}

/// A record batch's row count, one node per field and the body's buffers (Message.fbs'
/// `RecordBatch`: length 0, nodes 1, buffers 2, compression 3).
struct RecordBatchHeader {
    /// A field's row count and how many of them are null.
    struct Node {
        var length: Int
        var nullCount: Int
    }

    /// Where a buffer lies in the message body.
    struct Span {
        var offset: Int
        var length: Int
    }

    var length: Int
    var nodes: [Node]
    var buffers: [Span]

    init(_ table: FlatTable) throws(ArrowError) {
        let rows = try table.scalar(0, default: Int64(0))
        guard rows >= 0, rows <= Int64(Int32.max) else { throw .malformed("record batch of \(rows) rows (at most 2147483647 are read)") }
        length = Int(rows)
        if let compression = try table.table(3) {
            let codec = try compression.scalar(0, default: Int8(0))
            throw .compressedBody(codec: codec == 0 ? "lz4_frame" : codec == 1 ? "zstd" : "codec \(codec)")
        }
        nodes = []
        if let vector = try table.vector(1, stride: 16) {
            nodes.reserveCapacity(vector.count)
            for index in 0..<vector.count {
                let length = try vector.load(Int64.self, element: index)
                let nullCount = try vector.load(Int64.self, element: index, offset: 8)
                guard length >= 0, length <= rows, nullCount >= 0, nullCount <= length else {
                    throw .malformed("field node \(index) of \(length) rows and \(nullCount) nulls in a batch of \(rows) rows")
                }
                nodes.append(Node(length: Int(length), nullCount: Int(nullCount)))
            }
        }
        buffers = []
        if let vector = try table.vector(2, stride: 16) {
            buffers.reserveCapacity(vector.count)
            for index in 0..<vector.count {
                let offset = try vector.load(Int64.self, element: index)
                let length = try vector.load(Int64.self, element: index, offset: 8)
                guard offset >= 0, length >= 0, offset <= Int64(Int.max) - length else {
                    throw .malformed("buffer \(index) at \(offset) of \(length) bytes")
                }
                buffers.append(Span(offset: Int(offset), length: Int(length)))
            }
        }
    }
}
