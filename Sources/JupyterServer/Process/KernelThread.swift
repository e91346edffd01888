import Foundation

/// Starts a named thread that takes ownership of what its body captures.
///
/// `sending` lets the compiler check that the caller keeps no reference to the captured
/// values (sockets, the interpreter), which is how ownership moves to the new thread.
@discardableResult
public func startThread(named name: String, _ body: sending @escaping () -> Void) -> Thread {
    // The body is used by the new thread only, which `sending` guarantees.
    nonisolated(unsafe) let work = body
    let thread = Thread { work() }
    thread.name = name
    thread.stackSize = 16 << 20
    thread.start()
    return thread
}
