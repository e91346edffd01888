import Foundation
import Testing

@testable import JupyterKernel

@Suite struct HistoryStoreTests {
    func temporaryPath() -> String {
        NSTemporaryDirectory() + "assay-history-\(UUID().uuidString).jsonl"
    }

    @Test func cellsSurviveARestartInANewSession() {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = HistoryStore(path: path)
        #expect(first.session == 1)
        first.record(line: 1, input: "x = 1", output: nil)
        first.record(line: 2, input: "x", output: "1")

        let second = HistoryStore(path: path)
        #expect(second.session == 2)
        #expect(second.tail(5) == [
            HistoryEntry(session: 1, line: 1, input: "x = 1"),
            HistoryEntry(session: 1, line: 2, input: "x", output: "1"),
        ])
        second.record(line: 1, input: "y", output: nil)
        #expect(second.range(session: -1, start: 2, stop: 0) == [HistoryEntry(session: 1, line: 2, input: "x", output: "1")])
        #expect(second.range(session: 0, start: 1, stop: 0).map(\.input) == ["y"])
    }

    @Test func searchKeepsTheLastNAndUniqueInputs() {
        let store = HistoryStore(path: nil)
        for (line, input) in ["a", "b", "a", "c", "a"].enumerated() { store.record(line: line + 1, input: input, output: nil) }
        #expect(store.search(pattern: "a", n: nil, unique: false).map(\.line) == [1, 3, 5])
        #expect(store.search(pattern: "a", n: 2, unique: false).map(\.line) == [3, 5])
        #expect(store.search(pattern: "*", n: nil, unique: true).map(\.input) == ["b", "c", "a"])
    }

    /// `pattern` is a glob over the whole input, as IPython's history search reads it.
    @Test(arguments: [
        ("6 *", ["6 * 7"]), ("*", ["6 * 7", "x = 6", "print \"done\"", "6"]), ("6", ["6"]), ("6?", []),
        ("?", ["6"]), ("x = ?", ["x = 6"]), ("*done*", ["print \"done\""]), ("*6", ["x = 6", "6"]), ("7", []),
        ("6 * 7*", ["6 * 7"]), ("[6]", []), ("6 * *", ["6 * 7"]), ("**7", ["6 * 7"]),
    ])
    func searchMatchesAGlobAgainstTheWholeInput(_ pattern: String, _ expected: [String]) {
        let store = HistoryStore(path: nil)
        for (line, input) in ["6 * 7", "x = 6", "print \"done\"", "6"].enumerated() {
            store.record(line: line + 1, input: input, output: nil)
        }
        #expect(store.search(pattern: pattern, n: nil, unique: false).map(\.input) == expected)
    }

    @Test func aCorruptLineIsSkippedNotFatal() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("{\"session\":1,\"line\":1,\"input\":\"ok\"}\nnot json\n{\"session\":1,\"line\":2}\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let store = HistoryStore(path: path)
        #expect(store.session == 2)
        #expect(store.tail(10).map(\.input) == ["ok"])
    }
}
