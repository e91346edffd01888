import Foundation
import Testing

/// The expected-output suite: every `Tests/Golden/**/*.assay` runs in a fresh session and its
/// transcript must equal the `.expected` file beside it. `ASSAY_GOLDEN_UPDATE=1` rewrites the
/// expected files instead; review their diff like code. See Tests/Golden/README.md.
@Suite struct GoldenTests {
    static let updating = ProcessInfo.processInfo.environment["ASSAY_GOLDEN_UPDATE"] == "1"

    @Test(arguments: GoldenScript.all())
    func golden(_ name: String) throws {
        let text = try String(contentsOf: GoldenScript.folder.appendingPathComponent(name), encoding: .utf8)
        let script = GoldenScript(name: name, text: text)
        #expect(!script.cells.isEmpty, "\(name) has no `# %%` cell")
        let outcome = GoldenSession.run(script)
        for problem in outcome.problems { Issue.record("\(name): \(problem)") }
        let url = GoldenScript.expectedURL(for: name)
        if Self.updating {
            try outcome.transcript.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("\(name): no expected file; write it with ASSAY_GOLDEN_UPDATE=1 swift test --filter GoldenTests")
            return
        }
        if let difference = GoldenDifference(expected: expected, actual: outcome.transcript) {
            Issue.record("\(url.lastPathComponent) differs from the run:\n\(difference)")
        }
    }

    /// An expected file whose script is gone would never be checked.
    @Test func everyExpectedFileHasAScript() {
        let scripts = Set(GoldenScript.all().map { ($0 as NSString).deletingPathExtension })
        for expected in GoldenScript.all(withExtension: "expected") {
            #expect(scripts.contains((expected as NSString).deletingPathExtension), "\(expected) has no .assay script")
        }
        #expect(!scripts.isEmpty, "no scripts under \(GoldenScript.folder.path)")
    }
}

/// The first lines where an expected transcript and an actual one part, with context.
struct GoldenDifference: CustomStringConvertible {
    let description: String

    init?(expected: String, actual: String) {
        guard expected != actual else { return nil }
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        var first = 0
        while first < old.count, first < new.count, old[first] == new[first] { first += 1 }
        // The ends that agree, so the report shows only the changed middle.
        var oldEnd = old.count, newEnd = new.count
        while oldEnd > first, newEnd > first, old[oldEnd - 1] == new[newEnd - 1] {
            oldEnd -= 1
            newEnd -= 1
        }
        let shown = 12
        var lines = ["first difference at line \(first + 1):"]
        for line in old[max(0, first - 3)..<first] { lines.append("  \(line)") }
        for line in old[first..<min(oldEnd, first + shown)] { lines.append("- \(line)") }
        if oldEnd - first > shown { lines.append("- … \(oldEnd - first - shown) more expected lines") }
        for line in new[first..<min(newEnd, first + shown)] { lines.append("+ \(line)") }
        if newEnd - first > shown { lines.append("+ … \(newEnd - first - shown) more actual lines") }
        description = lines.joined(separator: "\n")
    }
}
