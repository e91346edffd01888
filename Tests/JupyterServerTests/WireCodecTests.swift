import Foundation
import JupyterKernel
import Testing

@testable import JupyterServer

@Suite struct WireCodecTests {
    let factory = MessageFactory(session: "s1")

    func sample() -> Message {
        Message(
            identities: [Array("client-1".utf8)], header: factory.header("execute_request"),
            content: ["code": "6 * 7", "silent": false])
    }

    @Test func roundTripKeepsIdentitiesAndContent() throws {
        let codec = WireCodec(signer: MessageSigner(key: Array("secret".utf8)))
        let frames = codec.encode(sample())
        #expect(frames[1] == Array("<IDS|MSG>".utf8))
        #expect(frames[2].count == 64)
        let decoded = try codec.decode(frames)
        #expect(decoded.identities == [Array("client-1".utf8)])
        #expect(decoded.header.msgType == "execute_request")
        #expect(decoded.content["code"]?.stringValue == "6 * 7")
        #expect(decoded.metadata == [:])
    }

    @Test func wrongKeyIsRejected() throws {
        let frames = WireCodec(signer: MessageSigner(key: Array("other".utf8))).encode(sample())
        let codec = WireCodec(signer: MessageSigner(key: Array("secret".utf8)))
        #expect(throws: WireCodec.Rejection.self) { try codec.decode(frames) }
    }

    @Test func unsignedMessageIsRejectedWhenSigning() throws {
        var frames = WireCodec(signer: MessageSigner(key: [])).encode(sample())
        #expect(frames[2].isEmpty)
        frames[2] = []
        let codec = WireCodec(signer: MessageSigner(key: Array("secret".utf8)))
        #expect(throws: WireCodec.Rejection.self) { try codec.decode(frames) }
    }

    @Test func tamperedContentIsRejected() throws {
        let codec = WireCodec(signer: MessageSigner(key: Array("secret".utf8)))
        var frames = codec.encode(sample())
        frames[6] = Array(#"{"code":"rm"}"#.utf8)
        #expect(throws: WireCodec.Rejection.self) { try codec.decode(frames) }
    }

    /// The signature of a known message, computed independently (HMAC-SHA256, key "key").
    @Test func signatureMatchesKnownVector() {
        let signer = MessageSigner(key: Array("key".utf8))
        let hex = String(decoding: signer.signature([Array("The quick brown fox ".utf8), Array("jumps over the lazy dog".utf8)]), as: UTF8.self)
        #expect(hex == "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
    }

    @Test(arguments: [[0x61], [0x61, 0x62, 0xE2, 0x82], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98]] as [[UInt8]])
    func utf8PrefixNeverSplitsACharacter(bytes: [UInt8]) {
        let cut = OutputCapture.completeUTF8Prefix(bytes)
        #expect(String(bytes: bytes[0..<cut], encoding: .utf8) != nil)
    }
}
