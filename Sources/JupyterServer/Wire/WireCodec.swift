import JupyterKernel

/// Frames messages for the wire: `[identities…, <IDS|MSG>, signature, header, parent_header,
/// metadata, content, buffers…]`, and reads them back, checking the signature.
public struct WireCodec: Sendable {
    static let delimiter = Array("<IDS|MSG>".utf8)
    let signer: MessageSigner

    public init(signer: MessageSigner) { self.signer = signer }

    /// Why an incoming message was dropped.
    public enum Rejection: Error, CustomStringConvertible {
        case noDelimiter
        case tooFewFrames
        case badSignature
        case badJSON(String)
        case badHeader

        public var description: String {
            switch self {
            case .noDelimiter: "no <IDS|MSG> delimiter"
            case .tooFewFrames: "fewer than the five frames after the delimiter"
            case .badSignature: "invalid or missing signature"
            case .badJSON(let part): "\(part) is not valid JSON"
            case .badHeader: "header lacks msg_id or msg_type"
            }
        }
    }

    public func encode(_ message: Message) -> [[UInt8]] {
        let parts = [
            message.header.json.serialized(), message.parentHeader.serialized(),
            message.metadata.serialized(), message.content.serialized(),
        ]
        return message.identities + [WireCodec.delimiter, signer.signature(parts)] + parts + message.buffers
    }

    public func decode(_ frames: [[UInt8]]) throws(Rejection) -> Message {
        guard let split = frames.firstIndex(of: WireCodec.delimiter) else { throw .noDelimiter }
        guard frames.count - split - 1 >= 5 else { throw .tooFewFrames }
        let signature = frames[split + 1]
        let parts = Array(frames[(split + 2)..<(split + 6)])
        guard signer.isValid(signature: signature, parts: parts) else { throw .badSignature }
        func parse(_ bytes: [UInt8], _ name: String) throws(Rejection) -> JSON {
            do { return try JSON(parsing: bytes) } catch { throw .badJSON(name) }
        }
        guard let header = MessageHeader(json: try parse(parts[0], "header")) else { throw .badHeader }
        var metadata = try parse(parts[2], "metadata")
        if metadata == .null { metadata = [:] }
        return Message(
            identities: Array(frames[..<split]), header: header, parentHeader: try parse(parts[1], "parent_header"),
            metadata: metadata, content: try parse(parts[3], "content"), buffers: Array(frames[(split + 6)...]))
    }
}
