/// Which stream a piece of text belongs to.
public enum StreamName: String, Sendable {
    case stdout
    case stderr
}

/// How an interpreter talks to the front end while a request runs.
///
/// Safe to call from any thread (worker threads report progress through it); messages reach
/// the front end in the order they were produced, all before the request's `idle`.
public protocol OutputSink: Sendable {
    func stream(_ name: StreamName, _ text: String)
    func display(_ bundle: MimeBundle, displayID: String?)
    func updateDisplay(_ bundle: MimeBundle, displayID: String)
    func clearOutput(wait: Bool)
    /// The cell's result; the kernel adds the execution count.
    func executeResult(_ bundle: MimeBundle)
}

extension OutputSink {
    public func display(_ bundle: MimeBundle) { display(bundle, displayID: nil) }
}
