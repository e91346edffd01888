import JupyterKernel
import Testing

@testable import JupyterServer

@Suite struct ConnectionInfoTests {
    let base: [String: JSON] = [
        "shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
        "ip": "127.0.0.1", "key": "k", "signature_scheme": "hmac-sha256", "transport": "tcp",
    ]

    @Test func tcpEndpointsUseTheGivenAddress() throws {
        let info = try ConnectionInfo(json: .object(base))
        #expect(info.endpoint(info.shellPort) == "tcp://127.0.0.1:5001")
        #expect(info.key == Array("k".utf8))
    }

    @Test func ipcEndpointsJoinPathAndPort() throws {
        var json = base
        json["transport"] = "ipc"
        json["ip"] = "/tmp/kernel-1"
        let info = try ConnectionInfo(json: .object(json))
        #expect(info.endpoint(info.hbPort) == "ipc:///tmp/kernel-1-5005")
    }

    @Test func problemsNameTheField() {
        var json = base
        json["hb_port"] = "x"
        #expect {
            try ConnectionInfo(json: .object(json), source: "conn.json")
        } throws: { error in
            (error as? ConnectionInfo.Problem)?.description == "conn.json: missing or invalid hb_port"
        }
        json = base
        json["signature_scheme"] = "hmac-md5"
        #expect(throws: ConnectionInfo.Problem.self) { try ConnectionInfo(json: .object(json)) }
    }
}
