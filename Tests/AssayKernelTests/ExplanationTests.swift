import AssayKernel
import Foundation
import JupyterKernel
import Testing

/// `importance`, `shap` and `export` as a notebook uses them.
@Suite struct ExplanationTests {
    func notebook() -> Notebook {
        let notebook = Notebook()
        notebook.run("""
            penguins = load sample "penguins" | dropna species
            train, test = split penguins 0.8 stratify species seed 42
            prep = impute(strategy="median") | impute(island, sex, strategy="mode") | onehot(island, sex) | scale()
            b = fit prep | boost(rounds=30) on train target species seed 1
            """)
        return notebook
    }

    @Test func impurityImportanceSumsToOneLargestFirst() {
        let notebook = notebook()
        notebook.run("imp = importance b")
        #expect(notebook.result("imp.columns") == "[\"feature\", \"importance\"]")
        #expect(notebook.result("(imp | derive k = 1 | group k aggregate s = sum(importance) | where abs(s - 1) < 1e-9).rows") == "1")
        #expect(notebook.result("(imp | head 1 | select feature) == (imp | sort importance desc | head 1 | select feature)") == "true")
    }

    @Test func anImportanceShowsATableAndABarChart() {
        let (sink, error, _) = notebook().run("importance b")
        #expect(error == nil)
        #expect(sink.resultText?.contains("bill_length_mm") == true)
        #expect(sink.events.contains { if case .display(let bundle) = $0 { bundle.plainText.contains("bar chart") } else { false } })
    }

    @Test func shapValuesAddUpToTheOutput() {
        let notebook = notebook()
        notebook.run("e = shap b on test limit 20")
        notebook.run("v = e.values")
        #expect(notebook.result("v.rows") == "20")
        #expect(notebook.result("v.columns.length") == "13")
        let check = """
            (v | derive total = base + `island=Biscoe` + `island=Dream` + `island=Torgersen` + bill_length_mm + bill_depth_mm
                + flipper_length_mm + body_mass_g + `sex=male` + `sex=female` + year
               | where abs(total - output) > 1e-9).rows
            """
        #expect(notebook.result(check) == "0")
    }

    @Test func oneRowShowsAWaterfall() {
        let (sink, error, _) = notebook().run("shap b on test row 3")
        #expect(error == nil)
        #expect(sink.resultText?.contains("row 3: base") == true)
        #expect(sink.events.contains { if case .display(let bundle) = $0 { bundle.plainText.contains("waterfall") } else { false } })
    }

    @Test func aClassTheModelDoesNotKnowIsAnError() {
        #expect(notebook().failure("shap b on test class \"Emperor\"").contains("not \"Emperor\""))
    }

    @Test func permutationImportanceNeedsData() {
        let notebook = notebook()
        #expect(notebook.failure("importance b method permutation").contains("needs data"))
        notebook.run("p = importance b method permutation on test repeats 3")
        #expect(notebook.result("p.columns") == "[\"feature\", \"importance\", \"std\"]")
    }

    @Test func exportWritesShapsTreeFormat() throws {
        let notebook = notebook()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-shap-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        notebook.run("export b to \"\(path)\" as shap")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("children_left"))
        #expect(text.contains("node_sample_weight"))
        #expect(notebook.failure("l = fit prep | logistic() on train target species\nexport l to \"\(path)\" as shap").contains("only tree models"))
    }
}
