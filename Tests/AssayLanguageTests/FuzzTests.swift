import Testing

@testable import AssayLanguage

/// Random input must produce tokens or a diagnostic, never a crash.
@Suite struct FuzzTests {
    static let alphabet: [Character] = Array(
        "abcxyz_019 .,()[]{}|+-*/%^=!<>?:#\"'`\\\n\t é") + ["and ", "not ", "is ", "null", "print ", "help ", "set "]
        .flatMap { Array($0) }

    @Test func randomInputNeverCrashes() {
        var generator = SplitMix(seed: 7)
        for _ in 0..<3000 {
            let length = Int(generator.next() % 40)
            let code = String((0..<length).map { _ in FuzzTests.alphabet[Int(generator.next() % UInt64(FuzzTests.alphabet.count))] })
            _ = try? Parser.parse(SourceText(code))
            _ = try? Parser.parseExpression(SourceText(code))
            _ = InputCompleteness(code)
            let cursor = Int(generator.next() % UInt64(code.unicodeScalars.count + 2))
            _ = Completions(code: code, cursor: cursor, names: [("x", "list")])
            do throws(Diagnostic) {
                _ = try Parser.parse(SourceText(code))
            } catch {
                _ = DiagnosticRenderer(origin: "cell 1").render(error, in: SourceText(code))
            }
        }
    }
}

/// A small deterministic generator so failures reproduce.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
