import AssayKernel
import Foundation
import JupyterKernel
import Testing

@Suite struct DataTests {
    func notebook() -> Notebook {
        let notebook = Notebook()
        notebook.run("penguins = load sample \"penguins\"")
        return notebook
    }

    @Test func unknownColumnPointsAtItAndSuggestsTheClosest() {
        #expect(notebook().failure("penguins | where bill_lenght_mm > 40") == """
            error: unknown column `bill_lenght_mm` in dataset `penguins`
             --> cell 2, line 1, column 18
              |
            1 | penguins | where bill_lenght_mm > 40
              |                  ^^^^^^^^^^^^^^
            help: did you mean `bill_length_mm`?
            """)
    }

    @Test func comparingAStringColumnWithANumberIsATypeError() {
        let text = notebook().failure("penguins | where species > 3")
        #expect(text.hasPrefix("error:"))
        #expect(text.contains("^"))
        let (_, error, _) = notebook().run("penguins | where species > 3")
        #expect(error?.name == "TypeError")
    }

    @Test func aFailedStatementLeavesTheSessionAsItWas() {
        let notebook = notebook()
        notebook.run("small = penguins | head 3")
        _ = notebook.failure("small = penguins | where nope > 1")
        #expect(notebook.result("small.rows") == "3")
    }

    @Test func membersAndOperationsChain() {
        let notebook = notebook()
        #expect(notebook.result("penguins.rows") == "344")
        #expect(notebook.result("(penguins | where species == \"Gentoo\" | select species, body_mass_g).columns") == "[\"species\", \"body_mass_g\"]")
        #expect(notebook.result("(penguins | group island aggregate n = count() | sort n desc | head 1).rows") == "1")
        notebook.run("threshold = 5000")
        #expect(notebook.result("(penguins | where body_mass_g > threshold).rows") == "61")
    }

    @Test func splitIsReproducibleAndStratified() {
        let notebook = notebook()
        notebook.run("a, b = split penguins 0.8 stratify species seed 42")
        notebook.run("c, d = split penguins 0.8 stratify species seed 42")
        #expect(notebook.result("a.rows + b.rows") == "344")
        #expect(notebook.result("(a | where species == \"Adelie\").rows") == "122")
        #expect(notebook.result("(a | select island | distinct).rows") == "3")
        #expect(notebook.result("(c | head 5 | select bill_length_mm) == (a | head 5 | select bill_length_mm)") == "true")
    }

    @Test func aMissingFileSaysWhich() {
        let text = notebook().failure("load \"/no/such/file.csv\"")
        #expect(text.contains("/no/such/file.csv"))
    }

    @Test func malformedCSVNamesLineAndColumn() throws {
        let path = NSTemporaryDirectory() + "assay-bad-\(UUID().uuidString).csv"
        try Data("a,b\n1,2\n3,\"oops\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = notebook().failure("load \"\(path)\"")
        #expect(text.contains("line 3"))
        #expect(text.contains("column"))
    }

    @Test func columnsCompleteAfterWhere() {
        let notebook = notebook()
        let completion = notebook.interpreter.complete(code: "penguins | where bill_l", cursor: 23)
        #expect(completion.items.first?.text == "bill_length_mm")
        #expect(completion.items.first?.type == "column")
        let member = notebook.interpreter.complete(code: "penguins.ro", cursor: 11)
        #expect(member.items.map(\.text) == ["rows"])
    }

    @Test func describeShowsOneRowPerColumn() {
        let (sink, error, _) = notebook().run("describe penguins")
        #expect(error == nil)
        guard case .display(let bundle) = sink.events.first else {
            Issue.record("describe displayed nothing")
            return
        }
        #expect(bundle.plainText.split(separator: "\n").count == 2 + 8 + 1)
        #expect(bundle.data["text/html"] != nil)
    }
}
