/// The header row: column names, where each starts in the file, and where the data begins.
struct CSVHeader {
    /// nil when the file holds nothing but blank lines.
    var names: [String]?
    var offsets: [Int] = []
    var end: Int

    init(scanner: CSVScanner, from start: Int) throws(CSVFailure) {
        var scratch = GrowableBuffer<UInt8>(capacity: 64)
        defer { scratch.free() }
        let base = scanner.base
        let end = base + scanner.count
        var p = base + start
        while p < end, p.pointee == ASCII.newline || p.pointee == ASCII.carriageReturn { p += 1 }
        guard p < end else {
            names = nil
            self.end = scanner.count
            return
        }
        var names: [String] = []
        while true {
            let offset = p - base
            let f = try scanner.field(p, scratch: &scratch)
            let bytes = UnsafeBufferPointer(start: f.value, count: f.length)
            guard let name = String(validating: bytes, as: UTF8.self) else {
                throw CSVFailure(kind: .invalidUTF8(column: -1), offset: offset)
            }
            names.append(name.isEmpty ? "column_\(names.count + 1)" : name)
            offsets.append(offset)
            p = f.next
            if p >= end { break }
            let c = p.pointee
            p += 1
            if c == scanner.separator { continue }
            if c == ASCII.carriageReturn, p < end, p.pointee == ASCII.newline { p += 1 }
            break
        }
        self.names = names
        self.end = p - base
    }

    func checkDistinct(locator: CSVLocator) throws(FrameError) {
        guard let names else { return }
        var seen: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if let first = seen.updateValue(index, forKey: name) {
                var error = FrameError(
                    "duplicate column name `\(name)`",
                    help: "columns \(first + 1) and \(index + 1) of the header row are both `\(name)`; rename one of them")
                error.location = locator.location(offsets[index])
                throw error
            }
        }
    }
}
