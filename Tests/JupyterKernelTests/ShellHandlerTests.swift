import Synchronization
import Testing

@testable import JupyterKernel

/// An interpreter that echoes: `fail` errors, `out TEXT` streams, anything else is its result.
final class EchoInterpreter: KernelInterpreter {
    var kernelInfo: KernelInfo {
        KernelInfo(
            implementation: "echo", implementationVersion: "1",
            language: LanguageInfo(name: "echo", version: "1", mimetype: "text/plain", fileExtension: ".echo", pygmentsLexer: "text", codemirrorMode: "null"),
            banner: "echo", helpLinks: [])
    }

    func execute(_ request: ExecuteRequest, output: any OutputSink, cancellation: CancellationToken) -> ExecuteOutcome {
        if request.code == "fail" { return .error(ExecutionError(name: "ValueError", value: "failed", traceback: ["failed"])) }
        if request.code.hasPrefix("out ") { output.stream(.stdout, String(request.code.dropFirst(4))); return .ok(payload: []) }
        output.executeResult(MimeBundle(plain: request.code))
        return .ok(payload: [])
    }
    func evaluate(expression: String) -> ExpressionOutcome { .value(MimeBundle(plain: expression.uppercased())) }
    func complete(code: String, cursor: Int) -> Completion { Completion(items: [], cursorStart: cursor, cursorEnd: cursor) }
    func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle? { nil }
    func isComplete(code: String) -> Completeness { code.hasSuffix(",") ? .incomplete(indent: "  ") : .complete }
    func shutdown(restart: Bool) {}
}

/// Keeps what the handler publishes.
final class RecordingTransport: KernelTransport {
    let published = Mutex<[Message]>([])
    func publish(_ message: Message) { published.withLock { $0.append(message) } }
    func setOutputParent(_ parent: Message?) {}
    func flushCapturedOutput() {}
    func log(_ line: String) {}
    var types: [String] {
        published.withLock { $0.map { $0.msgType == "status" ? "status:\($0.content["execution_state"]?.stringValue ?? "")" : $0.msgType } }
    }
}

@Suite struct ShellHandlerTests {
    let factory = MessageFactory(session: "kernel")
    let client = MessageFactory(session: "client")

    func handler(_ transport: RecordingTransport) -> ShellHandler {
        ShellHandler(
            interpreter: EchoInterpreter(), factory: factory, transport: transport, history: HistoryStore(path: nil),
            cancellation: CancellationToken())
    }

    func request(_ type: String, _ content: JSON) -> Message {
        Message(identities: [[7]], header: client.header(type), content: content)
    }

    @Test func executeIsWrappedInBusyAndIdle() {
        let transport = RecordingTransport()
        var replies: [Message] = []
        _ = handler(transport).handle(request("execute_request", ["code": "42"])) { replies.append($0) }
        #expect(transport.types == ["status:busy", "execute_input", "execute_result", "status:idle"])
        #expect(replies.count == 1)
        #expect(replies[0].content["status"] == "ok")
        #expect(replies[0].content["execution_count"] == 1)
        #expect(replies[0].identities == [[7]])
        #expect(replies[0].parentHeader["msg_type"] == "execute_request")
    }

    @Test func silentPublishesNoInputNorResultAndKeepsTheCount() {
        let transport = RecordingTransport()
        let shell = handler(transport)
        var replies: [Message] = []
        _ = shell.handle(request("execute_request", ["code": "42", "silent": true])) { replies.append($0) }
        #expect(transport.types == ["status:busy", "status:idle"])
        #expect(replies[0].content["execution_count"] == 0)
        _ = shell.handle(request("execute_request", ["code": "1", "store_history": false])) { replies.append($0) }
        #expect(replies[1].content["execution_count"] == 0)
    }

    @Test func errorAsksToAbortQueuedCellsUnlessStopOnErrorIsOff() {
        let transport = RecordingTransport()
        let shell = handler(transport)
        var replies: [Message] = []
        let first = shell.handle(request("execute_request", ["code": "fail"])) { replies.append($0) }
        #expect(first == .abortQueuedExecutions)
        #expect(replies[0].content["status"] == "error")
        #expect(replies[0].content["ename"] == "ValueError")
        #expect(transport.types.contains("error"))
        let second = shell.handle(request("execute_request", ["code": "fail", "stop_on_error": false])) { replies.append($0) }
        #expect(second == .proceed)
    }

    @Test func abortedReplyCarriesTheExecutionCount() {
        let transport = RecordingTransport()
        let shell = handler(transport)
        var replies: [Message] = []
        shell.abort(request("execute_request", ["code": "1"])) { replies.append($0) }
        #expect(replies[0].msgType == "execute_reply")
        #expect(replies[0].content == ["status": "aborted", "execution_count": 0])
        #expect(transport.types == ["status:busy", "status:idle"])
    }

    @Test func userExpressionsAreEvaluated() {
        var replies: [Message] = []
        _ = handler(RecordingTransport()).handle(request("execute_request", ["code": "1", "user_expressions": ["a": "x"]])) {
            replies.append($0)
        }
        #expect(replies[0].content["user_expressions"]?["a"] == ["status": "ok", "data": ["text/plain": "X"], "metadata": [:]])
    }

    @Test func historyTailRangeAndSearch() {
        let shell = handler(RecordingTransport())
        var replies: [Message] = []
        for code in ["a = 1", "6 * 7", "6 * 7", "b"] {
            _ = shell.handle(request("execute_request", ["code": .string(code)])) { _ in }
        }
        _ = shell.handle(request("history_request", ["hist_access_type": "tail", "n": 2, "output": true])) { replies.append($0) }
        #expect(replies[0].content["history"] == [[1, 3, ["6 * 7", "6 * 7"]], [1, 4, ["b", "b"]]])
        _ = shell.handle(request("history_request", ["hist_access_type": "range", "session": 0, "start": 2, "stop": 3])) {
            replies.append($0)
        }
        #expect(replies[1].content["history"] == [[1, 2, "6 * 7"]])
        _ = shell.handle(request("history_request", ["hist_access_type": "search", "pattern": "6*", "unique": true])) {
            replies.append($0)
        }
        #expect(replies[2].content["history"] == [[1, 3, "6 * 7"]])
    }

    @Test func commOpenToUnknownTargetIsClosed() {
        let transport = RecordingTransport()
        _ = handler(transport).handle(request("comm_open", ["comm_id": "c1", "target_name": "nope", "data": [:]])) { _ in }
        #expect(transport.types == ["status:busy", "comm_close", "status:idle"])
        let close = transport.published.withLock { $0[1] }
        #expect(close.content["comm_id"] == "c1")
    }

    @Test func isCompleteReportsIndent() {
        var replies: [Message] = []
        _ = handler(RecordingTransport()).handle(request("is_complete_request", ["code": "x = [1,"])) { replies.append($0) }
        #expect(replies[0].content == ["status": "incomplete", "indent": "  "])
    }
}

@Test func globMatchesWholeStrings() {
    #expect(Glob("6*").matches("6 * 7"))
    #expect(Glob("*7").matches("6 * 7"))
    #expect(!Glob("7").matches("6 * 7"))
    #expect(Glob("a?c").matches("abc"))
    #expect(Glob("*").matches(""))
}

@Test func timestampIsISO8601WithZone() {
    let stamp = MessageFactory.timestamp()
    #expect(stamp.count == 27)
    #expect(stamp.hasSuffix("Z"))
    #expect(stamp.contains("T"))
}
