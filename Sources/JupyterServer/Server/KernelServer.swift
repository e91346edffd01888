import Foundation
import JupyterKernel
import Synchronization
import ZeroMQ

/// The kernel process: binds the five channels of a connection file and serves an
/// interpreter until a shutdown request.
///
/// Threads: heartbeat (echo proxy), control (kernel_info, interrupt, shutdown), shell
/// (receives requests, sends replies), execution (runs requests one at a time), iopub (the one
/// owner of the publishing socket) and the output-capture reader. Each socket is used by
/// exactly one thread.
public final class KernelServer {
    /// Options beyond the connection file.
    public struct Options: Sendable {
        /// Where the history lives; nil keeps it in memory.
        public var historyPath: String?
        /// Capture fds 1 and 2 into stream messages.
        public var captureOutput: Bool

        public init(historyPath: String?, captureOutput: Bool = true) {
            self.historyPath = historyPath
            self.captureOutput = captureOutput
        }
    }

    private let connection: ConnectionInfo
    private let options: Options
    private let context: ZMQContext
    private let codec: WireCodec
    private let factory = MessageFactory()
    private let cancellation = CancellationToken()
    private let iopubMail = Mailbox<IOPubItem>()
    private let shellOutbox = Mailbox<Message>()
    private let requests = RequestQueue()
    private let stopRequest = StopSignal()

    public init(connection: ConnectionInfo, options: Options) throws(ZMQError) {
        self.connection = connection
        self.options = options
        self.context = try ZMQContext()
        self.codec = WireCodec(signer: MessageSigner(key: connection.key))
    }

    /// The token SIGINT and interrupt_request set.
    public var interruptToken: CancellationToken { cancellation }

    /// Serves until shutdown; returns whether the front end asked for a restart.
    public func run(_ interpreter: sending any KernelInterpreter) throws(ZMQError) -> Bool {
        let kernelInfo = interpreter.kernelInfo
        let transport = makeTransport()

        // Bind everything on this thread first, so an address in use fails fast and loudly.
        let shell = try makeSocket(.router, port: connection.shellPort, name: "shell")
        let control = try makeSocket(.router, port: connection.controlPort, name: "control")
        let stdin = try makeSocket(.router, port: connection.stdinPort, name: "stdin")
        let heartbeat = try makeSocket(.router, port: connection.hbPort, name: "heartbeat")
        let iopub = try makeSocket(.xpub, port: connection.iopubPort, name: "iopub")
        try iopub.setXPubVerbose(true)

        let done = DispatchGroup()
        startIOPub(iopub, done: done)
        transport.publish(factory.message("status", content: ["execution_state": "starting"], parent: nil))
        startHeartbeat(heartbeat, done: done)
        startControl(
            control,
            handler: ControlHandler(
                kernelInfo: kernelInfo, factory: factory, transport: transport, cancellation: cancellation,
                onShutdown: { [stopRequest] restart in stopRequest.stop(restart: restart) }),
            done: done)
        startShell(shell, done: done)
        let history = HistoryStore(path: options.historyPath)
        startExecution(interpreter, transport: transport, history: history, done: done)
        // No command reads input yet: the stdin socket stays bound (so clients connect) but idle.

        KernelLog.info("kernel ready: \(connection.transport.rawValue) on \(connection.ip), protocol \(jupyterProtocolVersion)")
        let restart = stopRequest.wait()
        KernelLog.info(restart ? "restart requested: exiting for the front end to start anew" : "shutdown requested")

        // Let the running cell stop (it was cancelled), then drain iopub and close the rest.
        requests.close()
        _ = executionFinished.wait(timeout: .now() + 2)
        transport.flushCapturedOutput()
        iopubMail.post(.finish)
        _ = iopubFinished.wait(timeout: .now() + 2)
        stdin.close()
        context.shutdown()
        _ = done.wait(timeout: .now() + 2)
        context.terminate()
        return restart
    }

    // MARK: Sockets

    private func makeSocket(_ type: ZMQSocketType, port: Int, name: String) throws(ZMQError) -> sending ZMQSocket {
        let socket = try ZMQSocket(context, type: type)
        try socket.setLinger(1000)
        if type == .router { try socket.setOption(ZMQSocket.routerHandover, 1) }
        let endpoint = try socket.bind(connection.endpoint(port))
        KernelLog.info("\(name) bound to \(endpoint)")
        return socket
    }

    private func makeTransport() -> ServerTransport {
        let mail = iopubMail
        let factory = factory
        var capture: OutputCapture?
        if options.captureOutput {
            capture = OutputCapture { name, text, parent in
                mail.post(
                    .message(
                        factory.message("stream", content: ["name": .string(name.rawValue), "text": .string(text)], parent: parent)))
            }
            if let capture {
                KernelLog.redirect(to: capture.originalFDs[1])
                capture.startReader()
            }
        }
        return ServerTransport(mail: mail, capture: capture)
    }

    // MARK: Threads

    /// Microseconds a failed cell waits for requests already sent to arrive (loopback
    /// delivers them in well under a millisecond).
    static let inFlightWait: UInt32 = 10_000

    private let executionFinished = DispatchSemaphore(value: 0)
    private let iopubFinished = DispatchSemaphore(value: 0)

    private func startHeartbeat(_ socket: sending ZMQSocket, done: DispatchGroup) {
        done.enter()
        startThread(named: "assay-heartbeat") {
            // A ROUTER proxied to itself sends every ping back to whoever sent it.
            let error = zmqProxy(socket, socket)
            if !error.isTerminated { KernelLog.write("heartbeat stopped: \(error)") }
            socket.close()
            done.leave()
        }
    }

    private func startIOPub(_ socket: sending ZMQSocket, done: DispatchGroup) {
        let mail = iopubMail
        let codec = codec
        let factory = factory
        let finished = iopubFinished
        done.enter()
        startThread(named: "assay-iopub") {
            defer {
                socket.close()
                finished.signal()
                done.leave()
            }
            let topicPrefix = "kernel.\(factory.session)."
            while true {
                let ready: [Bool]
                do throws(ZMQError) { ready = try zmqPoll([.socket(socket), .fileDescriptor(mail.readFD)], timeout: -1) } catch {
                    if !error.isTerminated { KernelLog.write("iopub poll failed: \(error)") }
                    return
                }
                if ready[0], let frames = try? socket.receive(dontWait: true), let first = frames.first, first.first == 1 {
                    // A new subscriber (protocol 5.5): welcome it on the topic it subscribed to.
                    let topic = Array(first.dropFirst())
                    var welcome = factory.message(
                        "iopub_welcome", content: ["subscription": .string(String(decoding: topic, as: UTF8.self))], parent: nil)
                    welcome.identities = topic.isEmpty ? [] : [topic]
                    try? socket.send(codec.encode(welcome))
                }
                if ready[1] {
                    for item in mail.drain() {
                        switch item {
                        case .message(var message):
                            message.identities = [Array((topicPrefix + message.msgType).utf8)]
                            do { try socket.send(codec.encode(message)) } catch {
                                KernelLog.write("iopub send failed: \(error)")
                            }
                        case .finish:
                            return
                        }
                    }
                }
            }
        }
    }

    private func startControl(_ socket: sending ZMQSocket, handler: ControlHandler, done: DispatchGroup) {
        let codec = codec
        done.enter()
        startThread(named: "assay-control") {
            defer {
                socket.close()
                done.leave()
            }
            while true {
                let frames: [[UInt8]]
                do throws(ZMQError) { frames = try socket.receive() } catch {
                    if !error.isTerminated { KernelLog.write("control receive failed: \(error)") }
                    return
                }
                guard let request = KernelServer.decode(frames, codec: codec, channel: "control") else { continue }
                handler.handle(request) { reply in
                    do { try socket.send(codec.encode(reply)) } catch { KernelLog.write("control send failed: \(error)") }
                }
            }
        }
    }

    private func startShell(_ socket: sending ZMQSocket, done: DispatchGroup) {
        let codec = codec
        let outbox = shellOutbox
        let requests = requests
        done.enter()
        startThread(named: "assay-shell") {
            defer {
                socket.close()
                done.leave()
            }
            while true {
                let ready: [Bool]
                do throws(ZMQError) { ready = try zmqPoll([.socket(socket), .fileDescriptor(outbox.readFD)], timeout: -1) } catch {
                    if !error.isTerminated { KernelLog.write("shell poll failed: \(error)") }
                    return
                }
                if ready[0] {
                    // Take every request waiting, so queued cells can be aborted after an error.
                    while let frames = try? socket.receive(dontWait: true) {
                        if let request = KernelServer.decode(frames, codec: codec, channel: "shell") { requests.push(request) }
                    }
                }
                if ready[1] {
                    for reply in outbox.drain() {
                        do { try socket.send(codec.encode(reply)) } catch { KernelLog.write("shell send failed: \(error)") }
                    }
                }
            }
        }
    }

    private func startExecution(
        _ interpreter: sending any KernelInterpreter, transport: ServerTransport, history: sending HistoryStore,
        done: DispatchGroup
    ) {
        let factory = factory
        let cancellation = cancellation
        let requests = requests
        let outbox = shellOutbox
        let finished = executionFinished
        let stopRequest = stopRequest
        startThread(named: "assay-execute") {
            let handler = ShellHandler(
                interpreter: interpreter, factory: factory, transport: transport, history: history, cancellation: cancellation)
            let send: (Message) -> Void = { outbox.post($0) }
            // After a failed cell with stop_on_error, the execute requests the client sent
            // before it got the error reply are aborted. Requests in flight get a moment to
            // land in the queue before the reply goes out; a client that waits for the reply
            // before sending is never aborted.
            var aborting = Set<String>()
            handler.onStopOnError = {
                usleep(KernelServer.inFlightWait)
                aborting = requests.queuedExecuteRequestIDs()
            }
            while let request = requests.pop() {
                if aborting.remove(request.header.msgID) != nil {
                    handler.abort(request, reply: send)
                    continue
                }
                _ = handler.handle(request, reply: send)
            }
            interpreter.shutdown(restart: stopRequest.restartRequested)
            finished.signal()
        }
    }

    private static func decode(_ frames: [[UInt8]], codec: WireCodec, channel: String) -> Message? {
        do { return try codec.decode(frames) } catch {
            // Never echo the message or the key: a dropped message is only counted in the log.
            KernelLog.write("dropped a \(channel) message: \(error)")
            return nil
        }
    }
}

/// What the iopub thread is handed: a message to publish, or the order to finish.
enum IOPubItem: Sendable {
    case message(Message)
    case finish
}

/// Publishes through the iopub mailbox and steers output capture.
struct ServerTransport: KernelTransport {
    let mail: Mailbox<IOPubItem>
    let capture: OutputCapture?

    func publish(_ message: Message) { mail.post(.message(message)) }
    func setOutputParent(_ parent: Message?) { capture?.setParent(parent) }
    func flushCapturedOutput() { capture?.flush() }
    func log(_ line: String) { KernelLog.write(line) }
}

/// The main thread waits here until a shutdown request arrives.
final class StopSignal: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let restart = Atomic<Bool>(false)

    func stop(restart: Bool) {
        self.restart.store(restart, ordering: .relaxed)
        semaphore.signal()
    }

    var restartRequested: Bool { restart.load(ordering: .relaxed) }

    func wait() -> Bool {
        semaphore.wait()
        return restartRequested
    }
}
