/// Where the next encapsulated IPC message lies in a run of bytes, after its length prefix:
/// `0xFFFFFFFF` then an int32 metadata length (the continuation framing), or only the int32
/// (the framing before Arrow 0.15). A metadata length of 0 marks the end of a stream.
enum MessageFrame {
    /// A message's metadata, where its body lies and where the next message starts.
    case message(ArrowMessage, body: Range<Int>, next: Int)
    case endOfStream(next: Int)
    /// The bytes from `position` on hold no whole message yet.
    case incomplete

    static let continuation: UInt32 = 0xFFFF_FFFF

    /// The frame starting at `position` of `bytes`. The body's length is in the metadata, so
    /// the metadata is read here.
    static func next(in bytes: UnsafeRawBufferPointer, at position: Int) throws(ArrowError) -> MessageFrame {
        let available = bytes.count - position
        guard available >= 4 else { return .incomplete }
        var prefix = 4
        var length = Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: Int32.self))
        if UInt32(bitPattern: length) == continuation {
            guard available >= 8 else { return .incomplete }
            prefix = 8
            length = Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: position + 4, as: Int32.self))
        }
        guard length >= 0 else { throw .malformed("message metadata length \(length) at byte \(position)") }
        if length == 0 { return .endOfStream(next: position + prefix) }
        let metadataStart = position + prefix
        let bodyStart = metadataStart + Int(length)
        guard bodyStart <= bytes.count else { return .incomplete }
        let metadata = FlatBuffer(bytes: UnsafeRawBufferPointer(rebasing: bytes[metadataStart..<bodyStart]))
        let message = try ArrowMessage(metadata)
        guard message.bodyLength <= bytes.count - bodyStart else { return .incomplete }
        let next = bodyStart + message.bodyLength
        return .message(message, body: bodyStart..<next, next: next)
    }
}
