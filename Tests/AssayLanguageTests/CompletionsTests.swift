import Testing

@testable import AssayLanguage

@Suite struct CompletionsTests {
    let names = [(name: "penguins", type: "list"), (name: "label", type: "string"), (name: "rate", type: "number")]

    func texts(_ code: String, cursor: Int? = nil) -> [String] {
        Completions(code: code, cursor: cursor ?? code.unicodeScalars.count, names: names).items.map(\.text)
    }

    @Test func statementStartOffersCommandsAndNames() {
        #expect(texts("pr") == ["predict", "print"])
        #expect(texts("pen") == ["penguins"])
        #expect(Array(texts("s").prefix(6)) == ["save", "scale", "set", "shap", "show", "sleep"])
    }

    @Test func expressionsOfferNamesFunctionsKeywordsButNoCommands() {
        #expect(texts("x = pri") == [])
        #expect(texts("x = la") == ["label"])
        #expect(texts("x = ro") == ["round"])
    }

    @Test func prefixMatchesComeBeforeOtherMatches() {
        #expect(texts("x = l") == [
            "label", "len", "linear", "load", "log", "logistic", "loguniform", "lower", "ceil", "clip", "coalesce", "collect",
            "evaluate", "false", "floor", "normal", "null", "poly", "quantiles", "scale", "split", "upload",
        ])
    }

    @Test func helpTopicsSettingsAndMembers() {
        #expect(texts("help rou") == ["round", "group"])
        #expect(texts("?pri") == ["print"])
        #expect(texts("set ") == ["parallel", "progress_after", "rows", "seed"])
        #expect(texts("penguins.") == ["first", "last", "length", "max", "mean", "min", "sum"])
        #expect(texts("label.up") == ["upper"])
        #expect(texts("unknown.") == [])
    }

    @Test func replacesTheWholeWordUnderTheCursor() {
        let completions = Completions(code: "x = lab + 1", cursor: 6, names: names)
        #expect(completions.start == 4)
        #expect(completions.end == 7)
        #expect(completions.items.first == Completions.Item(text: "label", kind: "name", signature: "string"))
    }

    @Test func runsOffersTheFieldsOfTheRuns() {
        let fields = ["duration", "status", "metrics.f1", "metrics.train_f1", "params.boost.rate", "params.boost.rounds"]
        func complete(_ code: String) -> [String] {
            Completions(code: code, cursor: code.unicodeScalars.count, names: names, runFields: { fields }).items.map(\.text)
        }
        #expect(complete("runs where metrics.") == ["f1", "train_f1"])
        #expect(complete("runs where params.boost.ra") == ["rate"])
        #expect(complete("runs where stat") == ["status"])
        #expect(complete("runs where metrics.f1 > 0.9 order by metrics.tr") == ["train_f1"])
        #expect(complete("runs where ").contains("metrics.f1"))
        #expect(complete("x = metrics.") == [])
    }
}
