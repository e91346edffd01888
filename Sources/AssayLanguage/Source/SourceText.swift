/// A cell or a script as the language reads it: Unicode scalars and where each line starts.
public struct SourceText: Sendable {
    public let text: String
    let scalars: [Unicode.Scalar]
    /// Scalar offsets where lines begin; the first is always 0.
    let lineStarts: [Int]

    public init(_ text: String) {
        self.text = text
        let scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" {
            starts.append(offset + 1)
        }
        self.scalars = scalars
        self.lineStarts = starts
    }

    public var lineCount: Int { lineStarts.count }

    /// The location of a scalar offset; offsets past the end clamp to the end.
    public func location(at offset: Int) -> SourceLocation {
        let offset = max(0, min(offset, scalars.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return SourceLocation(offset: offset, line: low + 1, column: offset - lineStarts[low] + 1)
    }

    public func span(from start: Int, to end: Int) -> SourceSpan {
        SourceSpan(start: location(at: start), end: location(at: max(start, end)))
    }

    /// The text of a 1-based line, without its line break.
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : scalars.count
        if end > start, scalars[end - 1] == "\r" { end -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    /// The source between two scalar offsets.
    func slice(_ start: Int, _ end: Int) -> String {
        let start = max(0, min(start, scalars.count))
        let end = max(start, min(end, scalars.count))
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }
}

extension SourceText {
    /// The name under or just before a code point offset, with its offsets.
    public func word(at cursor: Int) -> (text: String, start: Int, end: Int)? {
        let cursor = max(0, min(cursor, scalars.count))
        var start = cursor
        while start > 0, scalars[start - 1].isNameContinuation { start -= 1 }
        var end = cursor
        while end < scalars.count, scalars[end].isNameContinuation { end += 1 }
        guard start < end else { return nil }
        return (slice(start, end), start, end)
    }
}
