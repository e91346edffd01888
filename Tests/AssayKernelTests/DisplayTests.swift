import AssayKernel
import JupyterKernel
import Testing

/// What a value shows is decided by the value, not by the code that produced it.
@Suite struct DisplayTests {
    func notebook() -> Notebook {
        let notebook = Notebook()
        notebook.run("""
            penguins = load sample "penguins" | dropna species
            f = fit impute(strategy="median") | impute(island, sex, strategy="mode") | onehot(island, sex) | forest(trees=5) on penguins target species seed 1
            """)
        return notebook
    }

    func charts(_ sink: RecordingSink) -> [MimeBundle] {
        sink.events.compactMap { if case .display(let bundle) = $0, bundle.data["image/svg+xml"] != nil { bundle } else { nil } }
    }

    @Test func anImportanceNamedLaterStillShowsItsChart() {
        let notebook = notebook()
        notebook.run("imp = importance f")
        let (sink, error, _) = notebook.run("imp")
        #expect(error == nil)
        #expect(sink.resultText?.contains("feature") == true)
        #expect(charts(sink).map(\.plainText).first?.hasPrefix("<bar chart of ") == true)
        #expect(charts(sink).first?.data["image/svg+xml"]?.stringValue?.contains("importance of f") == true)
    }

    @Test func dataMadeFromAnImportanceIsADatasetWithoutAChart() {
        let notebook = notebook()
        let (sink, error, _) = notebook.run("importance f | where feature != \"year\"")
        #expect(error == nil)
        #expect(sink.resultText?.contains("feature") == true)
        #expect(charts(sink).isEmpty)
        #expect(notebook.result("(importance f).rows") == notebook.result("(importance f | head 1000).rows"))
        #expect(notebook.result("(importance f) == (importance f | head 1000)") == "true")
    }

    @Test func anImportanceIsADatasetToEveryCommand() {
        let notebook = notebook()
        notebook.run("imp = importance f")
        let (vars, _, _) = notebook.run("vars")
        let line = vars.events.compactMap { if case .display(let bundle) = $0 { bundle.plainText } else { nil } }
            .joined().split(separator: "\n").first { $0.hasPrefix("imp ") }
        #expect(line?.split(separator: " ").dropFirst().first == "dataset")
        #expect(notebook.result("imp.types") == "[\"string\", \"number\"]")
        #expect(notebook.run("describe imp").1 == nil)
    }
}
