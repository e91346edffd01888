/// Answers control requests on the control thread while a cell may be running:
/// kernel_info, interrupt and shutdown. Touches only immutable state and the token.
public final class ControlHandler: Sendable {
    private let kernelInfo: KernelInfo
    private let factory: MessageFactory
    private let transport: any KernelTransport
    private let cancellation: CancellationToken
    private let onShutdown: @Sendable (_ restart: Bool) -> Void

    public init(
        kernelInfo: KernelInfo, factory: MessageFactory, transport: any KernelTransport,
        cancellation: CancellationToken, onShutdown: @escaping @Sendable (_ restart: Bool) -> Void
    ) {
        self.kernelInfo = kernelInfo
        self.factory = factory
        self.transport = transport
        self.cancellation = cancellation
        self.onShutdown = onShutdown
    }

    /// Handles one control request; `reply` sends on the control socket.
    public func handle(_ request: Message, reply: (Message) -> Void) {
        transport.publish(factory.message("status", content: ["execution_state": "busy"], parent: request))
        var shutdownRestart: Bool?
        switch request.msgType {
        case "kernel_info_request":
            reply(factory.message("kernel_info_reply", content: kernelInfo.replyContent, parent: request))
        case "interrupt_request":
            cancellation.cancel()
            reply(factory.message("interrupt_reply", content: ["status": "ok"], parent: request))
        case "shutdown_request":
            let restart = request.content["restart"]?.boolValue ?? false
            let content: JSON = ["status": "ok", "restart": .bool(restart)]
            reply(factory.message("shutdown_reply", content: content, parent: request))
            transport.publish(factory.message("shutdown_reply", content: content, parent: request))
            shutdownRestart = restart
        default:
            transport.log("ignoring unknown control message type \(request.msgType)")
        }
        transport.publish(factory.message("status", content: ["execution_state": "idle"], parent: request))
        if let restart = shutdownRestart {
            cancellation.cancel()
            onShutdown(restart)
        }
    }
}
