import Testing

@testable import AssayLanguage

/// The kinds of a source's tokens, without spans.
func kinds(_ code: String) throws -> [TokenKind] {
    try Lexer.tokenize(SourceText(code)).map(\.kind)
}

/// The message of the diagnostic `body` throws, or nil.
func message(_ body: () throws(Diagnostic) -> Void) -> String? {
    do throws(Diagnostic) {
        try body()
        return nil
    } catch {
        return error.message
    }
}

@Suite struct LexerTests {
    @Test func namesNumbersStringsAndOperators() throws {
        #expect(
            try kinds("x = 1e-3 + `petal length (cm)` # note") == [
                .name("x"), .symbol(.assign), .number(0.001), .symbol(.plus), .name("petal length (cm)"), .end,
            ])
        #expect(
            try kinds("a<=b != c >= d == e") == [
                .name("a"), .symbol(.lessEqual), .name("b"), .symbol(.notEqual), .name("c"), .symbol(.greaterEqual),
                .name("d"), .symbol(.equal), .name("e"), .end,
            ])
        #expect(
            try kinds("not true and false or null in is") == [
                .keyword(.not), .keyword(.true), .keyword(.and), .keyword(.false), .keyword(.or), .keyword(.null),
                .keyword(.in), .keyword(.is), .end,
            ])
        #expect(
            try kinds("{a: [1, 2,]} | ? % ^ * / - <>") == [
                .symbol(.leftBrace), .name("a"), .symbol(.colon), .symbol(.leftBracket), .number(1), .symbol(.comma),
                .number(2), .symbol(.comma), .symbol(.rightBracket), .symbol(.rightBrace), .symbol(.pipe),
                .symbol(.question), .symbol(.percent), .symbol(.caret), .symbol(.star), .symbol(.slash),
                .symbol(.minus), .symbol(.less), .symbol(.greater), .end,
            ])
    }

    @Test(arguments: [
        ("\"a\\\"b\"", "a\"b"),
        ("'it\\'s'", "it's"),
        ("\"tab\\tnew\\nline\\\\\"", "tab\tnew\nline\\"),
        ("'say \"hi\"'", "say \"hi\""),
        ("\"two\nlines\"", "two\nlines"),
    ])
    func stringEscapes(code: String, value: String) throws {
        #expect(try kinds(code) == [.string(value), .end])
    }

    @Test(arguments: [("42", 42.0), ("0.05", 0.05), ("1e-3", 0.001), ("2E+2", 200.0), ("007", 7.0)])
    func numbers(code: String, value: Double) throws {
        #expect(try kinds(code) == [.number(value), .end])
    }

    @Test func spansCountCodePoints() throws {
        let tokens = try Lexer.tokenize(SourceText("é = \"ü\"\n  x"))
        #expect(tokens[0].span.start == SourceLocation(offset: 0, line: 1, column: 1))
        #expect(tokens[2].span.start.column == 5)
        #expect(tokens[2].span.end.column == 8)
        // The indented line continues the statement, so there is no newline token.
        #expect(tokens[3].kind == .name("x"))
        #expect(tokens[3].span.start == SourceLocation(offset: 10, line: 2, column: 3))
    }

    @Test func statementsEndAtLineBreaksUnlessContinued() throws {
        #expect(try kinds("a\nb") == [.name("a"), .newline, .name("b"), .end])
        #expect(try kinds("a\n| b") == [.name("a"), .symbol(.pipe), .name("b"), .end])
        #expect(try kinds("a\n  b\nc") == [.name("a"), .name("b"), .newline, .name("c"), .end])
        #expect(
            try kinds("[a,\nb]") == [
                .symbol(.leftBracket), .name("a"), .symbol(.comma), .name("b"), .symbol(.rightBracket), .end,
            ])
        #expect(try kinds("a\n\n# comment\n\nb") == [.name("a"), .newline, .name("b"), .end])
        #expect(try kinds("  a\n  b") == [.name("a"), .newline, .name("b"), .end])
    }

    @Test(arguments: [
        ("x @ 1", "unexpected character `@`"),
        ("\"abc", "unterminated string"),
        ("\"a\\qb\"", "unknown escape `\\q` in string"),
        ("12abc", "invalid number `12abc`"),
        ("`open", "unterminated name"),
        ("(1]", "mismatched `]`"),
        ("1)", "unmatched `)`"),
        ("!x", "unexpected character `!`"),
    ])
    func lexicalErrors(code: String, expected: String) {
        #expect(message { () throws(Diagnostic) in _ = try Lexer.tokenize(SourceText(code)) } == expected)
    }
}
