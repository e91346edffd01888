import AssayLanguage
import Testing

/// Every function `help` lists is one the evaluator implements, and its help examples give the
/// results they promise (`round(2.345, digits=2)  # 2.35`): this is what keeps the catalogue's
/// `function-not-implemented` out of a user's reach.
@Suite struct FunctionExampleTests {
    static let examples: [(function: String, code: String, expected: String)] = HelpCatalog.functions.flatMap { function in
        function.examples.compactMap { example -> (String, String, String)? in
            guard let marker = example.range(of: "  # ") else { return nil }
            return (function.signature.name, String(example[..<marker.lowerBound]), String(example[marker.upperBound...]))
        }
    }

    @Test func everyFunctionHasACheckedExample() {
        let checked = Set(Self.examples.map(\.function))
        #expect(HelpCatalog.functions.map(\.signature.name).filter { !checked.contains($0) } == [])
    }

    @Test(arguments: examples.indices)
    func anExampleGivesItsResult(_ index: Int) {
        let (_, code, expected) = Self.examples[index]
        let notebook = Notebook()
        let (sink, error, _) = notebook.run(code)
        #expect(error == nil, "\(code): \(error?.plainTraceback.joined(separator: "\n") ?? "")")
        #expect(sink.resultText == expected, "\(code)")
    }
}
