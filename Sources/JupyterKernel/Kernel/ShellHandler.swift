import Synchronization

/// Answers shell requests by calling the interpreter: the kernel core of the execution thread.
///
/// Every request is wrapped in `busy` and `idle` on iopub, `idle` last. The handler and the
/// interpreter are confined to the execution thread; only the transport and the cancellation
/// token are shared.
public final class ShellHandler {
    private let interpreter: any KernelInterpreter
    private let kernelInfo: KernelInfo
    private let factory: MessageFactory
    private let transport: any KernelTransport
    private let history: HistoryStore
    private let cancellation: CancellationToken
    public private(set) var executionCount = 0
    /// Called when a cell failed with stop_on_error, before its reply is sent: the moment to
    /// decide which queued execute requests to abort (those the client sent before it could
    /// have seen the failure).
    public var onStopOnError: (() -> Void)?

    public init(
        interpreter: any KernelInterpreter, factory: MessageFactory, transport: any KernelTransport,
        history: HistoryStore, cancellation: CancellationToken
    ) {
        self.interpreter = interpreter
        self.kernelInfo = interpreter.kernelInfo
        self.factory = factory
        self.transport = transport
        self.history = history
        self.cancellation = cancellation
    }

    /// What the caller must do after a request.
    public enum Aftermath: Sendable {
        case proceed
        /// A cell failed with stop_on_error: abort the execute requests already queued.
        case abortQueuedExecutions
    }

    /// Handles one shell request; `reply` sends on the shell socket.
    public func handle(_ request: Message, reply: (Message) -> Void) -> Aftermath {
        publishStatus("busy", parent: request)
        defer { publishStatus("idle", parent: request) }
        var aftermath = Aftermath.proceed
        let content = request.content
        switch request.msgType {
        case "execute_request":
            aftermath = execute(request, reply: reply)
        case "kernel_info_request":
            reply(factory.message("kernel_info_reply", content: kernelInfo.replyContent, parent: request))
        case "complete_request":
            reply(factory.message("complete_reply", content: complete(content), parent: request))
        case "inspect_request":
            reply(factory.message("inspect_reply", content: inspect(content), parent: request))
        case "is_complete_request":
            reply(factory.message("is_complete_reply", content: isComplete(content), parent: request))
        case "history_request":
            reply(factory.message("history_reply", content: historyReply(content), parent: request))
        case "comm_info_request":
            reply(factory.message("comm_info_reply", content: ["status": "ok", "comms": [:]], parent: request))
        case "comm_open":
            // No comm targets exist: close the comm at once so the front end doesn't wait on it.
            let commID = content["comm_id"] ?? .string("")
            transport.publish(factory.message("comm_close", content: ["comm_id": commID, "data": [:]], parent: request))
        case "comm_msg", "comm_close":
            break
        default:
            transport.log("ignoring unknown shell message type \(request.msgType)")
        }
        return aftermath
    }

    /// Replies `aborted` to an execute request queued behind a failed cell.
    public func abort(_ request: Message, reply: (Message) -> Void) {
        publishStatus("busy", parent: request)
        let replyType = request.msgType.hasSuffix("_request")
            ? String(request.msgType.dropLast("_request".count)) + "_reply" : request.msgType + "_reply"
        var content: [String: JSON] = ["status": "aborted"]
        if request.msgType == "execute_request" { content["execution_count"] = .int(executionCount) }
        reply(factory.message(replyType, content: .object(content), parent: request, metadata: ["status": "aborted"]))
        publishStatus("idle", parent: request)
    }

    private func publishStatus(_ state: String, parent: Message) {
        transport.publish(factory.message("status", content: ["execution_state": .string(state)], parent: parent))
    }

    // MARK: execute

    private func execute(_ request: Message, reply: (Message) -> Void) -> Aftermath {
        let content = request.content
        let code = content["code"]?.stringValue ?? ""
        let silent = content["silent"]?.boolValue ?? false
        let storeHistory = silent ? false : (content["store_history"]?.boolValue ?? true)
        let stopOnError = content["stop_on_error"]?.boolValue ?? true
        if storeHistory { executionCount += 1 }
        let count = executionCount
        if !silent {
            transport.publish(
                factory.message("execute_input", content: ["code": .string(code), "execution_count": .int(count)], parent: request))
        }

        let recorder = ResultRecorder()
        let output = RecordingOutput(
            inner: RequestOutput(request: request, factory: factory, transport: transport, executionCount: count, silent: silent),
            recorder: recorder)
        transport.setOutputParent(request)
        cancellation.reset()
        let outcome = interpreter.execute(
            ExecuteRequest(
                code: code, silent: silent, storeHistory: storeHistory,
                allowStdin: content["allow_stdin"]?.boolValue ?? false, executionCount: count),
            output: output, cancellation: cancellation)

        var expressions: [String: JSON] = [:]
        for (name, expression) in content["user_expressions"]?.objectValue ?? [:] {
            guard let source = expression.stringValue else { continue }
            switch interpreter.evaluate(expression: source) {
            case .value(let bundle):
                expressions[name] = ["status": "ok", "data": .object(bundle.data), "metadata": .object(bundle.metadata)]
            case .error(let error):
                expressions[name] = [
                    "status": "error", "ename": .string(error.name), "evalue": .string(error.value),
                    "traceback": .array(error.traceback.map(JSON.string)),
                ]
            }
        }
        transport.flushCapturedOutput()
        transport.setOutputParent(nil)
        if storeHistory { history.record(line: count, input: code, output: recorder.plainResult) }

        switch outcome {
        case .ok(let payload):
            reply(
                factory.message(
                    "execute_reply",
                    content: [
                        "status": "ok", "execution_count": .int(count), "payload": .array(payload),
                        "user_expressions": .object(expressions),
                    ],
                    parent: request, metadata: ["status": "ok"]))
            return .proceed
        case .error(let error):
            let stops = stopOnError && !silent
            if stops { onStopOnError?() }
            let traceback = JSON.array(error.traceback.map(JSON.string))
            transport.publish(
                factory.message(
                    "error", content: ["ename": .string(error.name), "evalue": .string(error.value), "traceback": traceback],
                    parent: request))
            reply(
                factory.message(
                    "execute_reply",
                    content: [
                        "status": "error", "execution_count": .int(count), "ename": .string(error.name),
                        "evalue": .string(error.value), "traceback": traceback, "user_expressions": .object(expressions),
                    ],
                    parent: request, metadata: ["status": "error"]))
            return stops ? .abortQueuedExecutions : .proceed
        }
    }

    // MARK: introspection

    private func cursor(_ content: JSON, code: String) -> Int {
        let length = code.unicodeScalars.count
        guard let c = content["cursor_pos"]?.intValue else { return length }
        return min(max(0, c), length)
    }

    private func complete(_ content: JSON) -> JSON {
        let code = content["code"]?.stringValue ?? ""
        let completion = interpreter.complete(code: code, cursor: cursor(content, code: code))
        let types = completion.items.map { item -> JSON in
            [
                "start": .int(completion.cursorStart), "end": .int(completion.cursorEnd), "text": .string(item.text),
                "type": .string(item.type), "signature": .string(item.signature),
            ]
        }
        return [
            "status": "ok", "matches": .array(completion.items.map { .string($0.text) }),
            "cursor_start": .int(completion.cursorStart), "cursor_end": .int(completion.cursorEnd),
            "metadata": ["_jupyter_types_experimental": .array(types)],
        ]
    }

    private func inspect(_ content: JSON) -> JSON {
        let code = content["code"]?.stringValue ?? ""
        let detail = content["detail_level"]?.intValue ?? 0
        guard let bundle = interpreter.inspect(code: code, cursor: cursor(content, code: code), detailLevel: detail) else {
            return ["status": "ok", "found": false, "data": [:], "metadata": [:]]
        }
        return ["status": "ok", "found": true, "data": .object(bundle.data), "metadata": .object(bundle.metadata)]
    }

    private func isComplete(_ content: JSON) -> JSON {
        switch interpreter.isComplete(code: content["code"]?.stringValue ?? "") {
        case .complete: return ["status": "complete"]
        case .incomplete(let indent): return ["status": "incomplete", "indent": .string(indent)]
        case .invalid: return ["status": "invalid"]
        case .unknown: return ["status": "unknown"]
        }
    }

    private func historyReply(_ content: JSON) -> JSON {
        let output = content["output"]?.boolValue ?? false
        let entries: [HistoryEntry]
        switch content["hist_access_type"]?.stringValue ?? "tail" {
        case "range":
            entries = history.range(
                session: content["session"]?.intValue ?? 0, start: content["start"]?.intValue ?? 1,
                stop: content["stop"]?.intValue ?? 0)
        case "search":
            entries = history.search(
                pattern: content["pattern"]?.stringValue ?? "*", n: content["n"]?.intValue,
                unique: content["unique"]?.boolValue ?? false)
        default:
            entries = history.tail(content["n"]?.intValue ?? 10)
        }
        let items = entries.map { entry -> JSON in
            let body: JSON = output
                ? .array([.string(entry.input), entry.output.map(JSON.string) ?? .null]) : .string(entry.input)
            return .array([.int(entry.session), .int(entry.line), body])
        }
        return ["status": "ok", "history": .array(items)]
    }
}

/// Keeps the text/plain of a cell's execute_result for the history's output column.
final class ResultRecorder: Sendable {
    private let result = Mutex<String?>(nil)
    var plainResult: String? { result.withLock { $0 } }
    func record(_ text: String) { result.withLock { $0 = text } }
}

struct RecordingOutput: OutputSink {
    let inner: RequestOutput
    let recorder: ResultRecorder

    func stream(_ name: StreamName, _ text: String) { inner.stream(name, text) }
    func display(_ bundle: MimeBundle, displayID: String?) { inner.display(bundle, displayID: displayID) }
    func updateDisplay(_ bundle: MimeBundle, displayID: String) { inner.updateDisplay(bundle, displayID: displayID) }
    func clearOutput(wait: Bool) { inner.clearOutput(wait: wait) }
    func executeResult(_ bundle: MimeBundle) {
        recorder.record(bundle.plainText)
        inner.executeResult(bundle)
    }
}
