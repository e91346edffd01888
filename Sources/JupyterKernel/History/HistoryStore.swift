import Foundation

/// One stored cell: which kernel session ran it, its line number there, its code and result.
public struct HistoryEntry: Sendable, Equatable {
    public var session: Int
    public var line: Int
    public var input: String
    public var output: String?

    public init(session: Int, line: Int, input: String, output: String? = nil) {
        self.session = session
        self.line = line
        self.input = input
        self.output = output
    }
}

/// The cells of every kernel session, kept in a JSON-lines file so they outlive the kernel.
///
/// Each kernel start takes the next session number under an exclusive file lock, so two
/// kernels sharing the file never share a session. Lines are appended with O_APPEND, one
/// write per entry. Used from the execution thread only.
public final class HistoryStore {
    public let path: String?
    public private(set) var session: Int
    private var entries: [HistoryEntry] = []

    /// A store backed by `path`, or in memory only when `path` is nil or can't be written.
    public init(path: String?) {
        self.path = path
        self.session = 1
        guard let path else { return }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        var maxSession = 0
        if let data = FileManager.default.contents(atPath: path) {
            for lineBytes in data.split(separator: UInt8(ascii: "\n")) {
                guard let record = try? JSON(parsing: lineBytes), let s = record["session"]?.intValue else { continue }
                maxSession = max(maxSession, s)
                if let line = record["line"]?.intValue, let input = record["input"]?.stringValue {
                    entries.append(HistoryEntry(session: s, line: line, input: input, output: record["output"]?.stringValue))
                }
            }
        }
        session = maxSession + 1
        let start: JSON = ["session": .int(session), "started": .string(MessageFactory.timestamp())]
        HistoryStore.append(start, to: fd)
    }

    private static func append(_ record: JSON, to fd: Int32) {
        var bytes = record.serialized()
        bytes.append(UInt8(ascii: "\n"))
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Records a cell of the current session.
    public func record(line: Int, input: String, output: String?) {
        let entry = HistoryEntry(session: session, line: line, input: input, output: output)
        entries.append(entry)
        guard let path else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var record: [String: JSON] = ["session": .int(session), "line": .int(line), "input": .string(input)]
        if let output { record["output"] = .string(output) }
        HistoryStore.append(.object(record), to: fd)
    }

    /// The last `n` cells over all sessions, oldest first.
    public func tail(_ n: Int) -> [HistoryEntry] {
        Array(entries.suffix(max(0, n)))
    }

    /// Cells `start..<stop` of a session; a session of 0 or less counts back from the current
    /// one, and a stop of 0 or less means to the end.
    public func range(session requested: Int, start: Int, stop: Int) -> [HistoryEntry] {
        let s = requested > 0 ? requested : session + requested
        return entries.filter { $0.session == s && $0.line >= start && (stop <= 0 || $0.line < stop) }
    }

    /// Cells whose input matches a glob (`*`, `?`); the last `n` when given; `unique` keeps
    /// the latest of equal inputs.
    public func search(pattern: String, n: Int?, unique: Bool) -> [HistoryEntry] {
        let glob = Glob(pattern.isEmpty ? "*" : pattern)
        var matches = entries.filter { glob.matches($0.input) }
        if unique {
            var seen = Set<String>()
            var kept: [HistoryEntry] = []
            for entry in matches.reversed() where seen.insert(entry.input).inserted { kept.append(entry) }
            matches = kept.reversed()
        }
        if let n, n > 0 { matches = Array(matches.suffix(n)) }
        return matches
    }
}

/// Shell-style wildcard matching over whole strings: `*` any run, `?` one character.
struct Glob {
    let pattern: [Character]

    init(_ pattern: String) { self.pattern = Array(pattern) }

    func matches(_ text: String) -> Bool {
        let t = Array(text)
        var p = 0, i = 0, star = -1, mark = 0
        while i < t.count {
            // `*` first: a `*` in the input is matched by the wildcard, never as a literal that
            // would leave no point to backtrack to (`6 *` must match `6 * 7`).
            if p < pattern.count, pattern[p] == "*" {
                star = p; mark = i; p += 1
            } else if p < pattern.count, pattern[p] == "?" || pattern[p] == t[i] {
                p += 1; i += 1
            } else if star >= 0 {
                p = star + 1; mark += 1; i = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
