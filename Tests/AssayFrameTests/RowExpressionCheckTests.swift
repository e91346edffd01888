import AssayFrame
import Testing

@Suite struct RowExpressionCheckTests {
    let people: Dataset

    init() throws {
        people = try Dataset(columns: [
            Column("age", numbers: [22, 38, .nan]), Column("sex", strings: ["male", "female", nil]),
            Column("alive", bools: [true, false, nil]),
        ])
    }

    @Test func typesFollowOperandsAndFunctions() throws {
        #expect(try bin(.add, col("age"), num(1)).check(in: people) == .number)
        #expect(try bin(.add, col("sex"), str("!")).check(in: people) == .string)
        #expect(try bin(.and, bin(.greater, col("age"), num(30)), col("alive")).check(in: people) == .bool)
        #expect(try fn("len", col("sex")).check(in: people) == .number)
        #expect(try fn("if", col("alive"), col("sex"), null()).check(in: people) == .string)
        #expect(try fn("coalesce", null(), null()).check(in: people) == .null)
        #expect(try RowExpression.isNull(col("sex"), negated: false, id: 0).check(in: people) == .bool)
    }

    @Test func unknownColumnCarriesTheAvailableNamesAndTheNode() {
        let failure = rowError { try bin(.greater, col("agee", id: 7), num(1)).check(in: people) }
        #expect(failure?.kind == .unknownColumn(name: "agee", available: ["age", "sex", "alive"]))
        #expect(failure?.message == "unknown column `agee`")
        #expect(failure?.nodeID == 7)
    }

    @Test func unknownFunctionListsTheFunctions() {
        let failure = rowError { try fn("lg", col("age"), id: 3).check(in: people) }
        guard case .unknownFunction(let name, let available)? = failure?.kind else {
            Issue.record("expected an unknown function, got \(String(describing: failure))")
            return
        }
        #expect(name == "lg")
        #expect(available.contains("log") && available.contains("contains") && available.count == 16)
        #expect(failure?.nodeID == 3)
    }

    @Test func anAggregateInARowExpressionSaysWhereItBelongs() {
        let failure = rowError { try fn("mean", col("age")).check(in: people) }
        #expect(failure?.help == "`mean` aggregates many rows; use it in `group ... aggregate`")
    }

    @Test func subtractingFromAStringPointsAtTheString() {
        let failure = rowError { try bin(.subtract, str("a", id: 1), num(1, id: 2), id: 3).check(in: people) }
        #expect(failure?.kind == .type)
        #expect(failure?.message == "`-` needs numbers, got a string")
        #expect(failure?.nodeID == 1)
    }

    @Test func comparingANumberWithAStringPointsAtTheComparison() {
        let failure = rowError { try bin(.equal, col("age", id: 1), str("x", id: 2), id: 3).check(in: people) }
        #expect(failure?.kind == .type)
        #expect(failure?.message == "can't compare a number with a string using `==`")
        #expect(failure?.help == "compare numbers with numbers and strings with strings")
        #expect(failure?.nodeID == 3)
    }

    @Test func comparingWithNullSuggestsIsNull() {
        let failure = rowError { try bin(.equal, col("age"), null(), id: 4).check(in: people) }
        #expect(failure?.message == "`== null` is never true: a comparison with a missing value is missing")
        #expect(failure?.help == "write `is null`")
        #expect(failure?.nodeID == 4)
    }

    @Test func moreTypeErrors() {
        #expect(rowError { try bin(.add, col("sex"), num(1)).check(in: people) }?.message == "`+` can't join a string and a number")
        #expect(rowError { try bin(.and, col("age", id: 5), col("alive")).check(in: people) }?.nodeID == 5)
        #expect(rowError { try bin(.less, col("alive"), lit(true)).check(in: people) }?.message == "`<` doesn't order true/false values")
        #expect(rowError { try fn("log", col("sex", id: 2)).check(in: people) }?.message == "`log` needs numbers, got a string")
        #expect(rowError { try fn("if", col("alive"), num(1), str("x"), id: 9).check(in: people) }?.message == "`if` mixes a number and a string")
        #expect(rowError { try RowExpression.unary(.not, col("age", id: 6), id: 0).check(in: people) }?.nodeID == 6)
        let list = RowExpression.isIn(col("age"), [num(1), str("x", id: 8)], negated: false, id: 0)
        #expect(rowError { try list.check(in: people) }?.nodeID == 8)
        let notLiteral = RowExpression.isIn(col("age"), [col("age", id: 2)], negated: false, id: 0)
        #expect(rowError { try notLiteral.check(in: people) }?.kind == .arguments)
    }

    @Test(arguments: [
        (fn("log", id: 1), "`log` takes 1 argument, got 0"),
        (fn("round", num(1), num(2), num(3), id: 1), "`round` takes 1 or 2 arguments (`round(x)`, `round(x, digits)`), got 3"),
        (fn("min", num(1), id: 1), "`min` takes at least 2 arguments, got 1"),
        (fn("if", lit(true), num(1), id: 1), "`if` takes 3 arguments (`if(condition, then, else)`), got 2"),
    ])
    func wrongArgumentCounts(expression: RowExpression, message: String) {
        let failure = rowError { try expression.check(in: people) }
        #expect(failure?.kind == .arguments)
        #expect(failure?.message == message)
        #expect(failure?.nodeID == 1)
    }

    @Test func evaluateChecksFirst() {
        #expect(rowError { try bin(.subtract, col("sex"), num(1)).evaluate(on: people, name: "x") }?.kind == .type)
    }
}
