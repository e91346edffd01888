/// What the kernel core needs from the process that hosts it: a way to publish on iopub and
/// control over the capture of the process' own stdout and stderr.
public protocol KernelTransport: Sendable {
    /// Queues a message for iopub; messages leave in the order they were published.
    func publish(_ message: Message)
    /// Captured process output is attributed to this request until the next call (nil: none).
    func setOutputParent(_ parent: Message?)
    /// Publishes captured output still buffered; called before a request's reply and idle.
    func flushCapturedOutput()
    /// A line for the kernel log (the original stderr), never sent to a front end.
    func log(_ line: String)
}
