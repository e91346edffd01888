/// The output sink of one request: turns an interpreter's output into iopub messages whose
/// parent is the request.
struct RequestOutput: OutputSink {
    let request: Message
    let factory: MessageFactory
    let transport: any KernelTransport
    let executionCount: Int
    /// Silent requests publish no execute_result.
    let silent: Bool

    private func publish(_ type: String, _ content: JSON) {
        transport.publish(factory.message(type, content: content, parent: request))
    }

    func stream(_ name: StreamName, _ text: String) {
        guard !text.isEmpty else { return }
        publish("stream", ["name": .string(name.rawValue), "text": .string(text)])
    }

    func display(_ bundle: MimeBundle, displayID: String?) {
        var transient: [String: JSON] = [:]
        if let displayID { transient["display_id"] = .string(displayID) }
        publish(
            "display_data",
            ["data": .object(bundle.data), "metadata": .object(bundle.metadata), "transient": .object(transient)])
    }

    func updateDisplay(_ bundle: MimeBundle, displayID: String) {
        publish(
            "update_display_data",
            [
                "data": .object(bundle.data), "metadata": .object(bundle.metadata),
                "transient": ["display_id": .string(displayID)],
            ])
    }

    func clearOutput(wait: Bool) {
        publish("clear_output", ["wait": .bool(wait)])
    }

    func executeResult(_ bundle: MimeBundle) {
        guard !silent else { return }
        publish(
            "execute_result",
            ["execution_count": .int(executionCount), "data": .object(bundle.data), "metadata": .object(bundle.metadata)])
    }
}
