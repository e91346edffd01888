import AssayKernel
import JupyterKernel
import Testing

@Suite struct IntrospectionTests {
    @Test func kernelInfoDescribesTheLanguage() {
        let info = AssayInterpreter().kernelInfo
        #expect(info.implementation == "assay")
        #expect(info.implementationVersion == AssayVersion.current)
        #expect(info.language.name == "assay")
        #expect(info.language.version == "0.1")
        #expect(info.language.mimetype == "text/x-assay")
        #expect(info.language.fileExtension == ".assay")
        #expect(info.language.pygmentsLexer == "python")
        #expect(info.banner.contains("help"))
        // No link until the project has a public home; the reference is `help`.
        #expect(info.helpLinks.isEmpty)
    }

    @Test func completionUsesSessionNamesWithTheirTypes() {
        let notebook = Notebook()
        notebook.run("penguins = [1, 2]")
        let completion = notebook.interpreter.complete(code: "x = pen", cursor: 7)
        #expect(completion.items == [Completion.Item(text: "penguins", type: "name", signature: "list")])
        #expect(completion.cursorStart == 4)
        #expect(completion.cursorEnd == 7)
        let members = notebook.interpreter.complete(code: "penguins.le", cursor: 11)
        #expect(members.items.map(\.text) == ["length"])
        #expect(members.cursorStart == 9)
    }

    @Test func inspectShowsHelpOrTheValue() {
        let notebook = Notebook()
        notebook.run("rate = 0.5")
        #expect(notebook.interpreter.inspect(code: "x = rate + 1", cursor: 6, detailLevel: 0)?.plainText == "rate: number\n0.5")
        let help = notebook.interpreter.inspect(code: "round(x)", cursor: 2, detailLevel: 0)
        #expect(help?.plainText.hasPrefix("round (function)") == true)
        #expect(help?.data["text/html"] != nil)
        #expect(notebook.interpreter.inspect(code: "zzz", cursor: 1, detailLevel: 0) == nil)
        #expect(notebook.interpreter.inspect(code: "", cursor: 0, detailLevel: 0) == nil)
    }

    @Test(arguments: [
        ("", Completeness.complete),
        ("x = [1,", .incomplete(indent: "    ")),
        ("x = 1 |", .incomplete(indent: "    ")),
        ("x = 1)", .invalid),
        ("print 1", .complete),
    ])
    func isComplete(code: String, expected: Completeness) {
        #expect(AssayInterpreter().isComplete(code: code) == expected)
    }

    @Test func userExpressionsEvaluateWithoutBinding() {
        let notebook = Notebook()
        notebook.run("x = 20")
        guard case .value(let bundle) = notebook.interpreter.evaluate(expression: "x + 1") else {
            Issue.record("expected a value")
            return
        }
        #expect(bundle.plainText == "21")
        guard case .error(let error) = notebook.interpreter.evaluate(expression: "y") else {
            Issue.record("expected an error")
            return
        }
        #expect(error.name == "NameError")
    }

    @Test func scriptsNameTheirFileInDiagnostics() {
        let sink = RecordingSink()
        let outcome = AssayInterpreter().runScript(
            "print \"start\"\nx = 1 +\n", named: "demo.assay", output: sink, cancellation: CancellationToken())
        guard case .error(let error) = outcome else {
            Issue.record("expected a syntax error")
            return
        }
        #expect(error.plainTraceback.prefix(2) == ["error: expected an expression, found the end of the input", " --> demo.assay, line 3, column 1"])
        // A syntax error anywhere stops the script before anything runs.
        #expect(sink.events.isEmpty)
    }

    @Test func silentCellsPublishNoValues() {
        let interpreter = AssayInterpreter()
        let sink = RecordingSink()
        _ = interpreter.execute(ExecuteRequest(code: "x = 1\nx", silent: true, executionCount: 1), output: sink, cancellation: CancellationToken())
        #expect(sink.events.isEmpty)
    }

    @Test func randomCellsNeverCrashTheKernel() {
        let interpreter = AssayInterpreter()
        let pieces = ["x", "=", "1", "[", "]", "(", ")", "+", "-", "^", "\"s\"", "null", "and", "not", "print", "help", "set",
            "vars", ",", ".", "length", "round(", "?", "\n", " ", "0", "/", "in", "is", "'", "min(", "clip("]
        var state: UInt64 = 11
        for count in 0..<1500 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var code = ""
            var bits = state
            for _ in 0..<Int(state >> 60) {
                code += pieces[Int(bits % UInt64(pieces.count))]
                bits /= UInt64(pieces.count)
            }
            _ = interpreter.execute(ExecuteRequest(code: code, executionCount: count), output: RecordingSink(), cancellation: CancellationToken())
            _ = interpreter.isComplete(code: code)
            _ = interpreter.complete(code: code, cursor: code.unicodeScalars.count / 2)
            _ = interpreter.inspect(code: code, cursor: 1, detailLevel: 0)
        }
    }
}
