import Foundation

/// The protocol version this kernel implements fully (XPUB welcome, kernel_info on control).
public let jupyterProtocolVersion = "5.5"

/// A message header as the protocol defines it.
public struct MessageHeader: Sendable, Hashable {
    public var msgID: String
    public var session: String
    public var username: String
    public var date: String
    public var msgType: String
    public var version: String

    public init(msgID: String, session: String, username: String, date: String, msgType: String, version: String) {
        self.msgID = msgID
        self.session = session
        self.username = username
        self.date = date
        self.msgType = msgType
        self.version = version
    }

    public var json: JSON {
        [
            "msg_id": .string(msgID), "session": .string(session), "username": .string(username),
            "date": .string(date), "msg_type": .string(msgType), "version": .string(version),
        ]
    }

    /// Reads a header; nil when a required field is missing.
    public init?(json: JSON) {
        guard let msgID = json["msg_id"]?.stringValue, let msgType = json["msg_type"]?.stringValue else { return nil }
        self.msgID = msgID
        self.msgType = msgType
        self.session = json["session"]?.stringValue ?? ""
        self.username = json["username"]?.stringValue ?? ""
        self.date = json["date"]?.stringValue ?? ""
        self.version = json["version"]?.stringValue ?? ""
    }
}

/// One protocol message, without its wire framing or signature.
public struct Message: Sendable {
    /// ZeroMQ routing identities (ROUTER sockets) or the topic (iopub).
    public var identities: [[UInt8]]
    public var header: MessageHeader
    /// The request's header verbatim, or `{}`.
    public var parentHeader: JSON
    public var metadata: JSON
    public var content: JSON
    public var buffers: [[UInt8]]

    public init(
        identities: [[UInt8]] = [], header: MessageHeader, parentHeader: JSON = [:], metadata: JSON = [:],
        content: JSON, buffers: [[UInt8]] = []
    ) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    public var msgType: String { header.msgType }
}

/// Makes headers for one kernel session: fresh ids, the session id, a timestamp.
public struct MessageFactory: Sendable {
    public let session: String
    public let username: String

    public init(session: String = MessageFactory.newID(), username: String = "assay") {
        self.session = session
        self.username = username
    }

    public static func newID() -> String { UUID().uuidString.lowercased() }

    public func header(_ msgType: String) -> MessageHeader {
        MessageHeader(
            msgID: MessageFactory.newID(), session: session, username: username,
            date: MessageFactory.timestamp(), msgType: msgType, version: jupyterProtocolVersion)
    }

    /// A message answering or caused by `parent` (routing identities carried over for replies).
    public func message(_ msgType: String, content: JSON, parent: Message?, metadata: JSON = [:]) -> Message {
        Message(
            identities: parent?.identities ?? [], header: header(msgType),
            parentHeader: parent?.header.json ?? [:], metadata: metadata, content: content)
    }

    /// ISO 8601 in UTC with microseconds, e.g. `2026-11-29T10:15:03.123456Z`.
    public static func timestamp() -> String {
        var tv = timeval()
        gettimeofday(&tv, nil)
        var seconds = time_t(tv.tv_sec)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(tv.tv_usec), 6))Z"
    }
}
