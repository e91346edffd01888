import AssayKernel
import Foundation
import JupyterKernel
import Testing

@Suite struct ExecutionTests {
    @Test(arguments: [
        ("42", "42"),
        ("1 / 0", "inf"),
        ("-1 / 0", "-inf"),
        ("0 / 0", "nan"),
        ("0.1 + 0.2", "0.30000000000000004"),
        ("1e-7", "1e-07"),
        ("-2^2", "-4"),
        ("2^10", "1024"),
        ("7 % 3", "1"),
        ("\"a\\\"b\\n\"", "\"a\\\"b\\n\""),
        ("'ab' + \"cd\"", "\"abcd\""),
        ("[1, 2] + [\"a\"]", "[1, 2, \"a\"]"),
        ("[]", "[]"),
        ("null", "null"),
        ("1 < 2 and not false", "true"),
        ("2 in [1, 2, 3]", "true"),
        ("\"gui\" in \"penguin\"", "true"),
        ("4 not in [1]", "true"),
        ("null is null", "true"),
        ("1 is not null", "true"),
        ("null + 1", "null"),
        ("[1, 2] == [1, 2]", "true"),
        ("\"b\" > \"a\"", "true"),
        ("round(2.345, digits=2)", "2.35"),
        ("round(-2.5)", "-3"),
        ("floor(2.7) + ceil(2.1)", "5"),
        ("sqrt(16) + abs(-1) + exp(0) + log(1)", "6"),
        ("min(3, 1, 2)", "1"),
        ("max([4, null, 5])", "5"),
        ("clip(12, 0, 10)", "10"),
        ("clip(-1, lo=0)", "0"),
        ("if(2 > 1, \"yes\", \"no\")", "\"yes\""),
        ("coalesce(null, null, 3)", "3"),
        ("upper(\"dream\") + lower(\"ER\")", "\"DREAMer\""),
        ("len(\"héllo\") + len([1])", "6"),
        ("contains(\"penguin\", \"gui\")", "true"),
        ("[3, 1, 2].max + [1, 2].mean + [].length", "4.5"),
        ("\"Adelie\".upper", "\"ADELIE\""),
        ("[1, 2, 3].first + [1, 2, 3].last", "4"),
    ])
    func valuesDisplayAsResults(code: String, expected: String) {
        #expect(Notebook().result(code) == expected)
    }

    @Test func bindingsPersistAndDisplayNothing() {
        let notebook = Notebook()
        let (sink, error, _) = notebook.run("x = 2\ny = x * 21")
        #expect(error == nil)
        #expect(sink.events.isEmpty)
        #expect(notebook.result("y") == "42")
        #expect(notebook.result("x = 5\nx") == "5")
    }

    @Test func destructuringBindsEachElement() {
        let notebook = Notebook()
        #expect(notebook.result("a, b = [1, \"two\"]\nb") == "\"two\"")
        #expect(
            notebook.failure("a, b = [1, 2, 3]") == """
                error: cannot bind 3 values to 2 names
                 --> cell 2, line 1, column 8
                  |
                1 | a, b = [1, 2, 3]
                  |        ^^^^^^^^^
                help: the list must have exactly 2 elements
                """)
        #expect(notebook.result("a") == "1")
    }

    @Test func earlierExpressionsAreDisplayedAndTheLastIsTheResult() {
        let (sink, _, _) = Notebook().run("1 + 1\nprint \"hi\"\n\"last\"")
        #expect(
            sink.events == [
                .display(MimeBundle(plain: "2")), .stream(.stdout, "hi\n"), .result(MimeBundle(plain: "\"last\"")),
            ])
    }

    @Test func printWarnAndClear() {
        let (sink, _, _) = Notebook().run("print \"a\\tb\"\nprint [1, \"x\"]\nwarn \"careful\"\nclear")
        #expect(
            sink.events == [
                .stream(.stdout, "a\tb\n"), .stream(.stdout, "[1, \"x\"]\n"), .stream(.stderr, "careful\n"), .clear(false),
            ])
    }

    @Test func aFailingStatementLeavesTheSessionAsItWas() {
        let notebook = Notebook()
        let (sink, error, _) = notebook.run("x = 1\nprint \"before\"\nx = x + \"a\"\nprint \"after\"")
        #expect(error?.name == "TypeError")
        #expect(sink.stdout == "before\n")
        #expect(notebook.result("x") == "1")
    }

    @Test func typeErrorsPointAtTheOffendingOperand() {
        let notebook = Notebook()
        #expect(
            notebook.failure("y = \"a\" - 1") == """
                error: `-` needs numbers, found `string` and `number`
                 --> cell 1, line 1, column 5
                  |
                1 | y = "a" - 1
                  |     ^^^
                """)
        #expect(
            notebook.failure("\"a\" + 1") == """
                error: cannot add `string` and `number`
                 --> cell 2, line 1, column 5
                  |
                1 | "a" + 1
                  |     ^
                help: `+` adds two numbers, or joins two strings or two lists
                """)
    }

    @Test func unknownNamesSuggestTheClosest() {
        let notebook = Notebook()
        notebook.run("penguins = 3")
        let (_, error, _) = notebook.run("x = 1\npengiuns + 1")
        #expect(error == ExecutionError(name: "NameError", value: "unknown name `pengiuns`", traceback: error?.traceback ?? []))
        #expect(
            error?.plainTraceback == [
                "error: unknown name `pengiuns`",
                " --> cell 2, line 2, column 1",
                "  |",
                "2 | pengiuns + 1",
                "  | ^^^^^^^^",
                "help: did you mean `penguins`?",
            ])
        #expect(error?.traceback.first?.contains("\u{1B}[1;31m") == true)
        #expect(notebook.failure("lg(1)").contains("help: did you mean `log`?"))
        #expect(notebook.failure("round(1, digts=2)").contains("help: did you mean `digits`?"))
        #expect(notebook.failure("[1].lenght").contains("help: did you mean `length`?"))
        #expect(notebook.failure("help prnt").contains("help: did you mean `print`?"))
        #expect(notebook.failure("set sed 3").contains("help: did you mean `seed`?"))
    }

    @Test(arguments: [
        ("set rows 0", "ValueError", "`rows` must be a whole number of at least 1, found `0`"),
        ("set parallel 1.5", "ValueError", "`parallel` must be a whole number of at least 1, found `1.5`"),
        ("set seed \"a\"", "TypeError", "`seed` must be a number, found `string`"),
        ("set seed", "ValueError", "`set seed` needs a value"),
        ("set colour 1", "NameError", "unknown setting `colour`"),
        ("1 +", "SyntaxError", "expected an expression, found the end of the input"),
        ("sleep -1", "ValueError", "`sleep` needs a finite number of seconds, at least 0"),
        ("[].first", "ValueError", "an empty list has no `first` element"),
        ("a, b = 3", "TypeError", "cannot bind a `number` to 2 names"),
        ("1 and true", "TypeError", "`and` needs bools, found `number`"),
        ("print", "SyntaxError", "`print` needs EXPR"),
        ("x = log", "NameError", "`log` is a function, not a value"),
        ("3 in 4", "TypeError", "`in` needs a list or a string on its right, found `number`"),
        ("1 < \"a\"", "TypeError", "cannot compare `number` with `string`"),
    ])
    func errorsHaveANameAndAMessage(code: String, name: String, value: String) {
        let (_, error, _) = Notebook().run(code)
        #expect(error?.name == name)
        #expect(error?.value == value)
    }

    @Test func settingsAreValidatedAndShown() {
        let notebook = Notebook()
        notebook.run("set seed 7\nset rows 5\nset parallel 3")
        let (sink, _, _) = notebook.run("set")
        guard case .display(let bundle) = sink.events.first else {
            Issue.record("expected a table")
            return
        }
        #expect(
            bundle.plainText == """
                setting         value  meaning
                --------------  -----  -----------------------------------------------------------------
                seed                7  the random seed used when a command has no `seed` clause
                parallel            3  how many jobs run at once (fits, trials, folds)
                rows                5  how many rows tables show
                progress_after      1  seconds a fit or tune runs before its progress shows (0: at once)
                """)
    }

    @Test func varsListsNamesTypesAndSummaries() {
        let notebook = Notebook()
        notebook.run("n = 42\ns = \"<b>\"\nflag = true\nxs = [1, 2]\nnothing = null")
        let (sink, _, _) = notebook.run("vars")
        guard case .display(let bundle) = sink.events.first else {
            Issue.record("expected a table")
            return
        }
        #expect(
            bundle.plainText == """
                name     type    summary
                -------  ------  ---------------
                flag     bool    true
                n        number  42
                nothing  null    null
                s        string  "<b>"
                xs       list    2 items: [1, 2]
                """)
        let html = bundle.data["text/html"]?.stringValue ?? ""
        let left = "<td style=\"text-align: left\">"
        #expect(html.contains("<tr>\(left)s</td>\(left)string</td>\(left)&quot;&lt;b&gt;&quot;</td></tr>"))
        #expect(!html.contains("<b>"))
    }

    @Test func helpDisplaysAndQuestionMarkPages() {
        let notebook = Notebook()
        let (sink, _, _) = notebook.run("help")
        guard case .display(let overview) = sink.events.first else {
            Issue.record("expected the overview")
            return
        }
        #expect(overview.plainText.hasPrefix("Assay commands\n\nOutput\n    print EXPR  write a value to the output (stdout)"))
        #expect(overview.data["text/html"] != nil)

        let (topicSink, _, _) = notebook.run("help list")
        guard case .display(let list) = topicSink.events.first else {
            Issue.record("expected help for list")
            return
        }
        #expect(list.plainText.contains("    length  number  the number of elements"))

        let (pagedSink, error, payload) = notebook.run("?round")
        #expect(error == nil)
        #expect(pagedSink.events.isEmpty)
        #expect(payload.count == 1)
        #expect(payload.first?["source"] == "page")
        #expect(payload.first?["start"] == 0)
        #expect(payload.first?["data"]?["text/plain"]?.stringValue?.hasPrefix("round (function)\n\n    round(x, digits=…)") == true)
        #expect(payload.first?["data"]?["text/html"] != nil)
    }

    @Test func sleepStopsWhenInterrupted() {
        let notebook = Notebook()
        let token = CancellationToken()
        let clock = ContinuousClock()
        let start = clock.now
        // A real thread: the cooperative pool may be busy with other tests.
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.05)
            token.cancel()
        }
        let (_, error, _) = notebook.run("x = 1\nsleep 1e300\nx = 2", cancellation: token)
        #expect(error?.name == "Interrupted")
        #expect(clock.now - start < .seconds(2))
        #expect(notebook.result("x") == "1")
    }

    @Test func shortSleepsFinish() {
        #expect(Notebook().run("sleep 0.01").error == nil)
    }
}
