#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A manually managed, growable run of plain values for the CSV hot loop: appends without
/// uniqueness or exclusivity checks, growth by `realloc` (which remaps large blocks instead of
/// copying them), and capacity that is never touched costs no memory. The owner calls `free()`.
struct GrowableBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 16) {
        self.capacity = Swift.max(capacity, 16)
        self.base = GrowableBuffer.reallocate(nil, self.capacity)
    }

    private static func reallocate(_ pointer: UnsafeMutablePointer<Element>?, _ capacity: Int) -> UnsafeMutablePointer<Element> {
        let bytes = capacity * MemoryLayout<Element>.stride
        guard let raw = realloc(pointer.map(UnsafeMutableRawPointer.init), bytes) else {
            fatalError("out of memory: \(bytes) bytes for a CSV column")
        }
        return raw.bindMemory(to: Element.self, capacity: capacity)
    }

    mutating func reserve(_ minimum: Int) {
        guard minimum > capacity else { return }
        capacity = Swift.max(minimum, capacity + capacity / 2)
        base = GrowableBuffer.reallocate(base, capacity)
    }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { reserve(count + 1) }
        (base + count).initialize(to: value)
        count += 1
    }

    mutating func append(repeating value: Element, count n: Int) {
        guard n > 0 else { return }
        reserve(count + n)
        (base + count).initialize(repeating: value, count: n)
        count += n
    }

    mutating func append(contentsOf values: UnsafeBufferPointer<Element>) {
        guard let source = values.baseAddress, !values.isEmpty else { return }
        reserve(count + values.count)
        (base + count).initialize(from: source, count: values.count)
        count += values.count
    }

    subscript(index: Int) -> Element {
        @inline(__always) get { base[index] }
        @inline(__always) nonmutating set { base[index] = newValue }
    }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    mutating func removeAll() { count = 0 }

    func free() { Glibc.free(base) }
}
