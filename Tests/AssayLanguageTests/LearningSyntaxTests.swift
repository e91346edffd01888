import Testing

@testable import AssayLanguage

/// How `fit`, `evaluate`, `predict` and pipelines of stages parse.
@Suite struct LearningSyntaxTests {
    @Test func fitTakesAPipelineDataATargetAndClauses() throws {
        #expect(sexpr(try parseOne("fit scale() | logistic(reg=0.1) on train target species cv 5 seed 7"))
            == "(fit (| (scale ) stage (logistic reg=0.1)) on=train target=species cv=5 seed=7)")
    }

    @Test func aListAfterThePipeMakesABoard() throws {
        #expect(sexpr(try parseOne("fit prep | [logistic(), forest(trees=200)] on train target y"))
            == "(fit (| prep stage [(logistic ) (forest trees=200)]) on=train target=y)")
    }

    @Test func aBoundStageNameIsAStageNotAMisspelledOperation() throws {
        #expect(sexpr(try parseOne("prep | model")) == "(| prep stage model)")
    }

    @Test func deriveWithParenthesesIsTheStage() throws {
        #expect(sexpr(try parseOne("scale() | derive(r = a / b)")) == "(| (scale ) stage (derive r=(/ a b)))")
    }

    @Test func evaluateAndPredict() throws {
        #expect(sexpr(try parseOne("evaluate board on test metrics accuracy, f1")) == "(evaluate board on=test metrics=accuracy,f1)")
        #expect(sexpr(try parseOne("predict m on test | where prediction != y"))
            == "(| (predict m on=test) where (!= prediction y))")
        #expect(sexpr(try parseOne("load model \"m.json\"")) == "(load-model \"m.json\")")
    }

    @Test func tuneTakesWordsForMetricAndSearchAndStopAfter() throws {
        #expect(sexpr(try parseOne("tune prep | boost(rate=loguniform(0.01, 0.3)) on train target y metric f1 search tpe trials 40 parallel 2 cv 5 seed 7 stop after 10"))
            == "(tune (| prep stage (boost rate=(loguniform 0.01 0.3))) on=train target=y metric=f1 search=tpe trials=40 parallel=2 cv=5 seed=7 stop=10)")
    }

    @Test func cvAndHoldoutAreExclusive() {
        #expect(parseError("fit m on d target y cv 5 holdout 0.2")?.contains("cannot both validate one fit") == true)
    }

    @Test func anUnknownFitClauseSuggestsTheClosest() {
        #expect(parseError("fit m on d target y sed 3") == "unknown clause `sed`")
    }

    @Test func fitNeedsOnAndTarget() {
        #expect(parseError("fit m d")?.contains("expected `on`") == true)
        #expect(parseError("fit m on d species")?.contains("expected `target`") == true)
    }
}
