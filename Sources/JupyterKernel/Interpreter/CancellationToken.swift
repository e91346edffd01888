import Synchronization

/// Set by an interrupt (SIGINT or interrupt_request); long work polls it and stops.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }

    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Cleared by the kernel before each request runs.
    public func reset() { flag.store(false, ordering: .relaxed) }
}
