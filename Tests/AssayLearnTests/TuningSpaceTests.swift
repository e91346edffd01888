import AssayLearn
import Testing

/// Search spaces: checked when built, enumerated exactly by grid search, and conditional
/// parameters present only with their option.
@Suite struct TuningSpaceTests {
    @Test func domainsCheckTheirArguments() {
        #expect(throws: LearnError("uniform(5, 1) is an empty range", help: "the low bound comes first and must be below the high bound")) {
            try SearchDomain.uniform(5, 1)
        }
        #expect(throws: LearnError(
            "loguniform(0, 1) needs bounds above 0",
            help: "its bounds are plain values, not logs: for example `loguniform(0.001, 10)`")) {
            try SearchDomain.logUniform(0, 1)
        }
        #expect(throws: LearnError("int(4, 2) is an empty range", help: "write the low bound first: `int(2, 4)`")) {
            try SearchDomain.integer(4, 2)
        }
        #expect(throws: LearnError("quniform(0, 10, 0) needs a step q above 0")) { try SearchDomain.quantized(0, 10, 0) }
        #expect(throws: LearnError("quniform(0.2, 0.3, 1) has no multiple of 1 between its bounds")) {
            try SearchDomain.quantized(0.2, 0.3, 1)
        }
        #expect(throws: LearnError("normal(0, -1) needs a standard deviation sigma above 0")) { try SearchDomain.normal(0, -1) }
        #expect(throws: LearnError("choice() needs at least one option")) { try SearchDomain.choice([]) }
        #expect((try? SearchDomain.integer(3, 3)) != nil)
    }

    @Test func pathsMustBeUnique() {
        #expect(throws: LearnError("two searched parameters are both named `boost.rate`", help: "give the options of a choice distinct labels")) {
            try SearchSpace([
                SearchParameter("boost.rate", try .uniform(0, 1)),
                SearchParameter("model", try .choice([ChoiceOption(.text("boost"), parameters: [SearchParameter("rate", .fixed(.number(0.1)))])])),
            ])
        }
    }

    @Test func gridRejectsContinuousDomains() throws {
        let space = try SearchSpace([
            SearchParameter("depth", try .choice([ChoiceOption(.integer(3)), ChoiceOption(.integer(4))])),
            SearchParameter("boost.rate", try .logUniform(0.01, 0.3)),
        ])
        #expect(throws: LearnError(
            "grid search cannot enumerate `boost.rate` = loguniform(0.01, 0.3)",
            help: "give candidates as a list such as `[0.01, 0.1, 1]`, or use `search random` or `search tpe`")) {
            try Sweep(space: space, searcher: GridSearch(), trials: 10).plannedTrials()
        }
    }

    @Test func gridEnumeratesEveryCombinationInOrder() throws {
        let space = try Self.conditionalGrid()
        let sweep = Sweep(space: space, searcher: GridSearch(), trials: 100, parallel: 2)
        #expect(try sweep.plannedTrials() == 6)
        let result = try sweep.run { assignment, _ in (loss: 0.0, extra: assignment.description) }
        #expect(result.trials.compactMap(\.extra) == [
            "a=1, m=x, x.p=1", "a=1, m=x, x.p=2", "a=1, m=y",
            "a=2, m=x, x.p=1", "a=2, m=x, x.p=2", "a=2, m=y",
        ])
    }

    @Test func conditionalParametersOnlyWithTheirOption() throws {
        let space = try SearchSpace([
            SearchParameter("model", try .choice([
                ChoiceOption(.text("logistic"), parameters: [SearchParameter("reg", try .logUniform(1e-3, 10))]),
                ChoiceOption(.text("boost"), parameters: [
                    SearchParameter("rate", try .logUniform(0.01, 0.3)), SearchParameter("depth", try .integer(2, 8)),
                ]),
            ])),
        ])
        #expect(space.searchedPaths == ["model", "logistic.reg", "boost.rate", "boost.depth"])
        for searcher in [RandomSearch(), TPESearch(startupTrials: 5)] as [any Searcher] {
            let sweep = Sweep(space: space, searcher: searcher, trials: 40, parallel: 2, seed: 3)
            let result = try sweep.run { assignment, _ in
                (loss: assignment["logistic.reg"]?.number ?? assignment["boost.rate"]?.number ?? 1, extra: ())
            }
            #expect(result.trials.count == 40)
            var models: Set<String> = []
            for trial in result.trials {
                let paths = trial.assignment.entries.map(\.path)
                switch trial.assignment["model"] {
                case .text("logistic"):
                    #expect(paths == ["model", "logistic.reg"])
                    #expect(trial.assignment.option("model") == 0)
                case .text("boost"):
                    #expect(paths == ["model", "boost.rate", "boost.depth"])
                    if case .integer(let depth) = trial.assignment["boost.depth"] { #expect((2...8).contains(depth)) } else {
                        Issue.record("boost.depth is not an integer")
                    }
                default: Issue.record("unexpected model \(String(describing: trial.assignment["model"]))")
                }
                models.insert(trial.assignment["model"]?.description ?? "")
            }
            #expect(models == ["logistic", "boost"])
        }
    }

    @Test func valuesStayInTheirDomains() throws {
        let space = try SearchSpace([
            SearchParameter("u", try .uniform(-1, 1)), SearchParameter("l", try .logUniform(0.001, 10)),
            SearchParameter("q", try .quantized(0, 1, 0.1)), SearchParameter("n", try .normal(5, 1)),
            SearchParameter("fixed", .fixed(.bool(true))),
        ])
        let result = try Sweep(space: space, searcher: TPESearch(startupTrials: 5), trials: 30, seed: 1).run { a, _ in
            (loss: abs(a["u"]?.number ?? 0) + (a["q"]?.number ?? 0), extra: ())
        }
        for trial in result.trials {
            let a = trial.assignment
            #expect((-1...1).contains(a["u"]?.number ?? .nan))
            #expect((0.001...10).contains(a["l"]?.number ?? .nan))
            let q = a["q"]?.number ?? .nan
            #expect((0...1).contains(q) && (q * 10).rounded() / 10 == q)
            #expect(a["n"]?.number?.isFinite == true)
            #expect(a["fixed"] == .bool(true))
        }
    }

    /// `a = [1, 2], m = choice(x(p = [1, 2]), y)`.
    static func conditionalGrid() throws -> SearchSpace {
        try SearchSpace([
            SearchParameter("a", try .choice([ChoiceOption(.integer(1)), ChoiceOption(.integer(2))])),
            SearchParameter("m", try .choice([
                ChoiceOption(.text("x"), parameters: [
                    SearchParameter("p", try .choice([ChoiceOption(.integer(1)), ChoiceOption(.integer(2))])),
                ]),
                ChoiceOption(.text("y")),
            ])),
        ])
    }
}
