import Crypto

/// Signs and checks messages with HMAC-SHA256 over header, parent header, metadata and content.
/// An empty key turns signing off, as the protocol specifies.
public struct MessageSigner: Sendable {
    private let key: SymmetricKey?

    public init(key: [UInt8]) {
        self.key = key.isEmpty ? nil : SymmetricKey(data: key)
    }

    public var isSigning: Bool { key != nil }

    /// The lowercase hex signature of the four signed frames.
    public func signature(_ parts: [[UInt8]]) -> [UInt8] {
        guard let key else { return [] }
        var hmac = HMAC<SHA256>(key: key)
        for part in parts { hmac.update(data: part) }
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in hmac.finalize() {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return hex
    }

    /// Checks a hex signature in constant time (the comparison never stops at the first
    /// differing byte).
    public func isValid(signature: [UInt8], parts: [[UInt8]]) -> Bool {
        guard let key else { return true }
        guard signature.count == 64, let mac = MessageSigner.decodeHex(signature) else { return false }
        var data: [UInt8] = []
        data.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { data.append(contentsOf: part) }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: data, using: key)
    }

    static func decodeHex(_ hex: [UInt8]) -> [UInt8]? {
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - 55
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(hex.count / 2)
        var i = 0
        while i + 1 < hex.count {
            guard let hi = nibble(hex[i]), let lo = nibble(hex[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
