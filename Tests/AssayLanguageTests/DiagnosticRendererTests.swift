import Testing

@testable import AssayLanguage

@Suite struct DiagnosticRendererTests {
    @Test func drawsTheLineCaretsAndHelp() {
        let source = SourceText("penguins = 1\npenguins | where bill_lenght_mm > 40")
        let span = source.span(from: 30, to: 44)
        let diagnostic = Diagnostic(
            .name, "unknown column `bill_lenght_mm` in dataset `penguins`", at: span,
            help: "did you mean `bill_length_mm`?")
        let lines = DiagnosticRenderer(origin: "cell 3").render(diagnostic, in: source)
        #expect(
            lines.joined(separator: "\n") == """
                error: unknown column `bill_lenght_mm` in dataset `penguins`
                 --> cell 3, line 2, column 18
                  |
                2 | penguins | where bill_lenght_mm > 40
                  |                  ^^^^^^^^^^^^^^
                help: did you mean `bill_length_mm`?
                """)
    }

    @Test func parseErrorsPointAtTheEndOfInput() throws {
        let source = SourceText("x = (1 +\n  2")
        do throws(Diagnostic) {
            _ = try Parser.parse(source)
            Issue.record("expected an error")
        } catch {
            #expect(
                DiagnosticRenderer(origin: "script.assay").render(error, in: source) == [
                    "error: unclosed `(`",
                    " --> script.assay, line 1, column 5",
                    "  |",
                    "1 | x = (1 +",
                    "  |     ^",
                    "help: close it with `)`",
                ])
        }
    }

    @Test func wideGuttersAndNotes() {
        let source = SourceText(String(repeating: "\n", count: 11) + "\tx")
        let diagnostic = Diagnostic(.syntax, "oops", at: source.span(from: 12, to: 13), notes: ["a note"])
        #expect(
            DiagnosticRenderer(origin: "cell 1").render(diagnostic, in: source) == [
                "error: oops",
                "  --> cell 1, line 12, column 2",
                "   |",
                "12 | \tx",
                "   | \t^",
                "note: a note",
            ])
    }

    @Test func ansiStyleColorsTheLabels() {
        let source = SourceText("x")
        let diagnostic = Diagnostic(.name, "unknown name `x`", at: source.span(from: 0, to: 1), help: "bind it")
        let lines = DiagnosticRenderer(origin: "cell 1", style: .ansi).render(diagnostic, in: source)
        #expect(lines.first == "\u{1B}[1;31merror\u{1B}[0m\u{1B}[1m: unknown name `x`\u{1B}[0m")
        #expect(lines.last == "\u{1B}[1;36mhelp\u{1B}[0m: bind it")
    }

    @Test(arguments: [
        ("pengiuns", ["penguins", "species"], "penguins"),
        ("sed", ["seed", "parallel", "rows"], "seed"),
        ("lenght", ["length", "first"], "length"),
        ("zzz", ["seed", "rows"], nil),
    ] as [(String, [String], String?)])
    func suggestions(name: String, candidates: [String], expected: String?) {
        #expect(NameSuggestion.closest(to: name, among: candidates) == expected)
    }
}
