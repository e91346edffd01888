import Dispatch

/// Runs work for indices 0..<count on all cores and returns when all are done.
enum Parallel {
    /// `body` must touch only the state of its own index (or read shared immutable state);
    /// that is the contract that makes the unchecked hand-off to Dispatch sound.
    static func forEach(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: count) { shared.value($0) }
        }
    }
}

extension Parallel {
    /// `body(i)` for every index, computed on all cores, in index order.
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        var slots = [T?](repeating: nil, count: count)
        slots.withUnsafeMutableBufferPointer { buffer in
            // Each index writes only its own slot.
            let out = UncheckedSendable(buffer)
            forEach(count) { index in out.value[index] = body(index) }
        }
        return slots.compactMap { $0 }
    }
}

/// A value handed to other threads under a contract the compiler cannot check (see `Parallel`).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
