/// A record batch's body with its header: hands out each field's node and buffers in schema
/// order, every buffer checked to lie inside the body.
struct BatchBody {
    let header: RecordBatchHeader
    let bytes: UnsafeRawBufferPointer
    private var nextNode = 0
    private var nextBuffer = 0

    init(_ header: RecordBatchHeader, _ bytes: UnsafeRawBufferPointer) {
        self.header = header
        self.bytes = bytes
    }

    /// The next field's node and its `count` buffers.
    mutating func field(_ name: String, buffers count: Int) throws(ArrowError) -> (RecordBatchHeader.Node, [UnsafeRawBufferPointer]) {
        guard nextNode < header.nodes.count else {
            throw .malformed("record batch has \(header.nodes.count) field nodes, too few for column `\(name)`")
        }
        guard nextBuffer + count <= header.buffers.count else {
            throw .malformed("record batch has \(header.buffers.count) buffers, too few for column `\(name)`")
        }
        let node = header.nodes[nextNode]
        guard node.length == header.length else {
            throw .malformed("column `\(name)` has \(node.length) rows in a batch of \(header.length)")
        }
        var buffers: [UnsafeRawBufferPointer] = []
        for span in header.buffers[nextBuffer..<nextBuffer + count] {
            guard span.offset <= bytes.count, span.length <= bytes.count - span.offset else {
                throw .malformed("buffer of column `\(name)` at \(span.offset) of \(span.length) bytes is outside the body of \(bytes.count) bytes")
            }
            buffers.append(UnsafeRawBufferPointer(rebasing: bytes[span.offset..<span.offset + span.length]))
        }
        nextNode += 1
        nextBuffer += count
        return (node, buffers)
    }
}
