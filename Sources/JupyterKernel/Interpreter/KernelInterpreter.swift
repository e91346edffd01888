/// One execute_request as an interpreter sees it: no header, no socket.
public struct ExecuteRequest: Sendable {
    public var code: String
    public var silent: Bool
    public var storeHistory: Bool
    public var allowStdin: Bool
    /// The count this cell runs under (already incremented when storeHistory is true).
    public var executionCount: Int

    public init(code: String, silent: Bool = false, storeHistory: Bool = true, allowStdin: Bool = false, executionCount: Int) {
        self.code = code
        self.silent = silent
        self.storeHistory = storeHistory
        self.allowStdin = allowStdin
        self.executionCount = executionCount
    }
}

/// A failure as the protocol reports it: the error's name, its message and the lines to show.
public struct ExecutionError: Error, Sendable, Equatable {
    public var name: String
    public var value: String
    public var traceback: [String]

    public init(name: String, value: String, traceback: [String]) {
        self.name = name
        self.value = value
        self.traceback = traceback
    }
}

/// What running a cell produced besides its output.
public enum ExecuteOutcome: Sendable {
    /// Payloads are protocol payload dictionaries (for example a pager page).
    case ok(payload: [JSON])
    case error(ExecutionError)
}

/// The result of evaluating one user expression after a cell.
public enum ExpressionOutcome: Sendable {
    case value(MimeBundle)
    case error(ExecutionError)
}

/// A completion reply; cursor positions count Unicode code points.
public struct Completion: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var text: String
        /// keyword, command, name, function, member, ...
        public var type: String
        /// The value's type or a one-line summary, shown by front ends next to the match.
        public var signature: String

        public init(text: String, type: String, signature: String = "") {
            self.text = text
            self.type = type
            self.signature = signature
        }
    }

    public var items: [Item]
    public var cursorStart: Int
    public var cursorEnd: Int

    public init(items: [Item], cursorStart: Int, cursorEnd: Int) {
        self.items = items
        self.cursorStart = cursorStart
        self.cursorEnd = cursorEnd
    }
}

/// The protocol's answer to is_complete.
public enum Completeness: Sendable, Equatable {
    case complete
    /// More input is needed; `indent` is what the next line should start with.
    case incomplete(indent: String)
    case invalid
    case unknown
}

/// Language facts for kernel_info.
public struct LanguageInfo: Sendable {
    public var name: String
    public var version: String
    public var mimetype: String
    public var fileExtension: String
    public var pygmentsLexer: String
    public var codemirrorMode: String

    public init(name: String, version: String, mimetype: String, fileExtension: String, pygmentsLexer: String, codemirrorMode: String) {
        self.name = name
        self.version = version
        self.mimetype = mimetype
        self.fileExtension = fileExtension
        self.pygmentsLexer = pygmentsLexer
        self.codemirrorMode = codemirrorMode
    }
}

/// What kernel_info reports about the implementation.
public struct KernelInfo: Sendable {
    public var implementation: String
    public var implementationVersion: String
    public var language: LanguageInfo
    public var banner: String
    public var helpLinks: [(text: String, url: String)]

    public init(implementation: String, implementationVersion: String, language: LanguageInfo, banner: String, helpLinks: [(text: String, url: String)]) {
        self.implementation = implementation
        self.implementationVersion = implementationVersion
        self.language = language
        self.banner = banner
        self.helpLinks = helpLinks
    }
}

/// The interface a language implements to become a Jupyter kernel.
///
/// The kernel calls every method on its single execution thread, one request at a time, so an
/// implementation needs no locking of its own state. Only `OutputSink` and `CancellationToken`
/// cross threads.
public protocol KernelInterpreter: AnyObject {
    var kernelInfo: KernelInfo { get }

    /// Runs a cell; output goes to `output`, and long work checks `cancellation`.
    /// An interrupted cell returns an error named `Interrupted`.
    func execute(_ request: ExecuteRequest, output: any OutputSink, cancellation: CancellationToken) -> ExecuteOutcome

    /// Evaluates one of execute_request's user_expressions after the cell ran.
    func evaluate(expression: String) -> ExpressionOutcome

    /// `cursor` counts Unicode code points from the start of `code`.
    func complete(code: String, cursor: Int) -> Completion

    /// Help for the name at `cursor`, or nil when there is nothing to show.
    func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle?

    func isComplete(code: String) -> Completeness

    /// Called once before the process exits or restarts.
    func shutdown(restart: Bool)
}
