import Testing

@testable import AssayLanguage

@Suite struct CompletenessTests {
    @Test(arguments: [
        ("", InputCompleteness.complete),
        ("x = 1", .complete),
        ("print x  # done", .complete),
        ("x = [1,", .incomplete(indent: "    ")),
        ("x = f(1,\n      2", .incomplete(indent: "    ")),
        ("x =", .incomplete(indent: "    ")),
        ("x = 1 +", .incomplete(indent: "    ")),
        ("a and", .incomplete(indent: "    ")),
        ("  y = d |", .incomplete(indent: "      ")),
        ("x = \"abc", .incomplete(indent: "")),
        ("a, ", .incomplete(indent: "    ")),
        ("x = 1)", .invalid),
        ("x = [1)", .invalid),
        ("x @ 2", .invalid),
        ("x = 1 2", .complete),
    ])
    func classifies(code: String, expected: InputCompleteness) {
        #expect(InputCompleteness(code) == expected)
    }
}
