import Foundation
import JupyterKernel

/// The connection file a front end writes for the kernel: where to bind and how to sign.
public struct ConnectionInfo: Sendable {
    public enum Transport: String, Sendable { case tcp, ipc }

    public var transport: Transport
    public var ip: String
    public var shellPort: Int
    public var iopubPort: Int
    public var stdinPort: Int
    public var controlPort: Int
    public var hbPort: Int
    public var key: [UInt8]
    public var signatureScheme: String

    /// Why a connection file can't be used.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    public init(path: String) throws(Problem) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "cannot read connection file \(path)")
        }
        let json: JSON
        do { json = try JSON(parsing: Array(data)) } catch {
            throw Problem(description: "connection file \(path) is not JSON: \(error)")
        }
        try self.init(json: json, source: path)
    }

    public init(json: JSON, source: String = "connection file") throws(Problem) {
        func port(_ name: String) throws(Problem) -> Int {
            guard let p = json[name]?.intValue, (0...65535).contains(p) else {
                throw Problem(description: "\(source): missing or invalid \(name)")
            }
            return p
        }
        let transportName = json["transport"]?.stringValue ?? "tcp"
        guard let transport = Transport(rawValue: transportName) else {
            throw Problem(description: "\(source): unsupported transport \(transportName) (use tcp or ipc)")
        }
        self.transport = transport
        self.ip = json["ip"]?.stringValue ?? "127.0.0.1"
        self.shellPort = try port("shell_port")
        self.iopubPort = try port("iopub_port")
        self.stdinPort = try port("stdin_port")
        self.controlPort = try port("control_port")
        self.hbPort = try port("hb_port")
        self.key = Array((json["key"]?.stringValue ?? "").utf8)
        self.signatureScheme = json["signature_scheme"]?.stringValue ?? "hmac-sha256"
        guard key.isEmpty || signatureScheme == "hmac-sha256" else {
            throw Problem(description: "\(source): unsupported signature_scheme \(signatureScheme) (use hmac-sha256)")
        }
    }

    /// The ZeroMQ endpoint of a port: `tcp://IP:PORT` (port 0 picks one) or `ipc://IP-PORT`.
    public func endpoint(_ port: Int) -> String {
        switch transport {
        case .tcp: return "tcp://\(ip):\(port == 0 ? "*" : String(port))"
        case .ipc: return "ipc://\(ip)-\(port)"
        }
    }
}
