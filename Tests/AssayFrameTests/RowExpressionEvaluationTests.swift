import AssayFrame
import Testing

@Suite struct RowExpressionEvaluationTests {
    let d: Dataset

    init() throws {
        d = try Dataset(columns: [
            Column("x", numbers: [1, -7, .nan, 0, 2.5]),
            Column("y", numbers: [2, 3, 4, 0, .nan]),
            Column("s", strings: ["Ann", "bob", nil, "ann", "Bob"]),
            Column("t", strings: ["bob", "bob", "x", nil, "Bob"]),
            Column("p", bools: [true, false, nil, true, nil]),
            Column("q", bools: [nil, nil, nil, false, true]),
        ])
    }

    @Test func arithmeticPropagatesMissing() throws {
        #expect(try evaluate(bin(.add, col("x"), col("y")), on: d) == numbers([3, -4, nil, 0, nil]))
        #expect(try evaluate(bin(.multiply, col("x"), num(2)), on: d) == numbers([2, -14, nil, 0, 5]))
        #expect(try evaluate(RowExpression.unary(.negate, col("x"), id: 0), on: d) == numbers([-1, 7, nil, -0.0, -2.5]))
        #expect(try evaluate(bin(.add, col("x"), null()), on: d) == numbers([nil, nil, nil, nil, nil]))
    }

    @Test func divisionByZeroIsIEEE() throws {
        // 1/0 is infinite (a value); 0/0 is NaN, which is missing.
        #expect(try evaluate(bin(.divide, col("x"), num(0)), on: d) == numbers([.infinity, -.infinity, nil, nil, .infinity]))
    }

    @Test func remainderIsFlooredLikePython() throws {
        // Python: -7 % 3 == 2, 2.5 % 3 == 2.5; x % 0 is missing.
        #expect(try evaluate(bin(.remainder, col("x"), num(3)), on: d) == numbers([1, 2, nil, 0, 2.5]))
        #expect(try evaluate(bin(.remainder, num(7), num(-3)), on: d) == numbers([-2, -2, -2, -2, -2]))
        #expect(try evaluate(bin(.remainder, col("x"), num(0)), on: d) == numbers([nil, nil, nil, nil, nil]))
    }

    @Test func powerOfMissingIsMissing() throws {
        // IEEE pow(1, NaN) is 1 and pow(NaN, 0) is 1; a missing operand stays missing here.
        #expect(try evaluate(bin(.power, num(1), col("y")), on: d) == numbers([1, 1, 1, 1, nil]))
        #expect(try evaluate(bin(.power, col("x"), num(0)), on: d) == numbers([1, 1, nil, 1, 1]))
        #expect(try evaluate(bin(.power, col("x"), num(2)), on: d) == numbers([1, 49, nil, 0, 6.25]))
    }

    @Test func comparisonsWithMissingAreMissing() throws {
        #expect(try evaluate(bin(.greater, col("x"), num(0)), on: d) == bools([true, false, nil, false, true]))
        #expect(try evaluate(bin(.lessOrEqual, col("x"), col("y")), on: d) == bools([true, true, nil, true, nil]))
        #expect(try evaluate(bin(.less, num(0), col("x")), on: d) == bools([true, false, nil, false, true]))
        #expect(try evaluate(bin(.equal, col("p"), lit(true)), on: d) == bools([true, false, nil, true, nil]))
    }

    @Test func andOrNotAreThreeValued() throws {
        // p: true false null true null; q: null null null false true
        #expect(try evaluate(bin(.and, col("p"), col("q")), on: d) == bools([nil, false, nil, false, nil]))
        #expect(try evaluate(bin(.or, col("p"), col("q")), on: d) == bools([true, nil, nil, true, true]))
        #expect(try evaluate(RowExpression.unary(.not, col("p"), id: 0), on: d) == bools([false, true, nil, false, nil]))
        #expect(try evaluate(bin(.and, col("p"), lit(false)), on: d) == bools([false, false, false, false, false]))
        #expect(try evaluate(bin(.or, col("q"), null()), on: d) == bools([nil, nil, nil, nil, true]))
    }

    @Test func stringsCompareThroughTheDictionary() throws {
        #expect(try evaluate(bin(.equal, col("s"), str("bob")), on: d) == bools([false, true, nil, false, false]))
        #expect(try evaluate(bin(.notEqual, col("s"), str("zzz")), on: d) == bools([true, true, nil, true, true]))
        // Code point order: uppercase before lowercase.
        #expect(try evaluate(bin(.less, col("s"), str("a")), on: d) == bools([true, false, nil, false, true]))
        #expect(try evaluate(bin(.greater, str("b"), col("s")), on: d) == bools([true, false, nil, true, true]))
        // Two columns with different dictionaries.
        #expect(try evaluate(bin(.equal, col("s"), col("t")), on: d) == bools([false, true, nil, nil, true]))
        #expect(try evaluate(bin(.less, col("s"), col("t")), on: d) == bools([true, false, nil, nil, false]))
    }

    @Test func plusJoinsStrings() throws {
        #expect(try evaluate(bin(.add, col("s"), str("!")), on: d) == strings(["Ann!", "bob!", nil, "ann!", "Bob!"]))
        #expect(try evaluate(bin(.add, str("<"), col("s")), on: d) == strings(["<Ann", "<bob", nil, "<ann", "<Bob"]))
        #expect(try evaluate(bin(.add, col("s"), col("t")), on: d) == strings(["Annbob", "bobbob", nil, nil, "BobBob"]))
    }

    @Test func inAndIsNull() throws {
        let inList = RowExpression.isIn(col("x"), [num(1), .unary(.negate, num(7), id: 0)], negated: false, id: 0)
        #expect(try evaluate(inList, on: d) == bools([true, true, nil, false, false]))
        let notIn = RowExpression.isIn(col("x"), [num(1)], negated: true, id: 0)
        #expect(try evaluate(notIn, on: d) == bools([false, true, nil, true, true]))
        // `in [.., null]` also holds for missing values.
        let withNull = RowExpression.isIn(col("s"), [str("bob"), null()], negated: false, id: 0)
        #expect(try evaluate(withNull, on: d) == bools([false, true, true, false, false]))
        let notWithNull = RowExpression.isIn(col("s"), [str("bob"), null()], negated: true, id: 0)
        #expect(try evaluate(notWithNull, on: d) == bools([true, false, false, true, true]))
        #expect(try evaluate(RowExpression.isNull(col("p"), negated: false, id: 0), on: d) == bools([false, false, true, false, true]))
        #expect(try evaluate(RowExpression.isNull(col("s"), negated: true, id: 0), on: d) == bools([true, true, false, true, true]))
    }

    @Test func stringFunctionsWorkOnTheDictionary() throws {
        let lower = try fn("lower", col("s")).evaluate(on: d, name: "l")
        #expect(lower.cells == strings(["ann", "bob", nil, "ann", "bob"]))
        // "Ann" and "ann" become one dictionary entry.
        guard case .string(let column) = lower.values else { Issue.record("not a string column"); return }
        #expect(column.dictionary == ["ann", "bob"])
        #expect(try evaluate(fn("upper", col("t")), on: d) == strings(["BOB", "BOB", "X", nil, "BOB"]))
        #expect(try evaluate(fn("len", col("s")), on: d) == numbers([3, 3, nil, 3, 3]))
        #expect(try evaluate(fn("len", str("héllo")), on: d) == numbers([5, 5, 5, 5, 5]))
        #expect(try evaluate(fn("contains", col("s"), str("nn")), on: d) == bools([true, false, nil, true, false]))
        #expect(try evaluate(fn("contains", col("s"), str("")), on: d) == bools([true, true, nil, true, true]))
        #expect(try evaluate(fn("contains", col("s"), col("t")), on: d) == bools([false, true, nil, nil, true]))
    }

    @Test func mathFunctions() throws {
        #expect(try evaluate(fn("abs", col("x")), on: d) == numbers([1, 7, nil, 0, 2.5]))
        // log(0) is -inf; log and sqrt of negative numbers are NaN, so missing.
        #expect(try evaluate(fn("log", col("x")), on: d) == numbers([0, nil, nil, -.infinity, 0.9162907318741551]))
        #expect(try evaluate(fn("sqrt", col("x")), on: d) == numbers([1, nil, nil, 0, 1.5811388300841898]))
        #expect(try evaluate(fn("exp", num(0)), on: d) == numbers([1, 1, 1, 1, 1]))
        #expect(try evaluate(fn("floor", col("x")), on: d) == numbers([1, -7, nil, 0, 2]))
        #expect(try evaluate(fn("ceil", col("x")), on: d) == numbers([1, -7, nil, 0, 3]))
    }

    @Test func roundHalvesToEvenLikeNumpy() throws {
        let r = try Dataset(columns: [Column("v", numbers: [0.5, 1.5, 2.5, -2.5, 1.2345, 1234.5, .nan])])
        #expect(try evaluate(fn("round", col("v")), on: r) == numbers([0, 2, 2, -2, 1, 1234, nil]))
        #expect(try evaluate(fn("round", col("v"), num(2)), on: r) == numbers([0.5, 1.5, 2.5, -2.5, 1.23, 1234.5, nil]))
        #expect(try evaluate(fn("round", col("v"), num(-2)), on: r) == numbers([0, 0, 0, -0.0, 0, 1200, nil]))
    }

    @Test func minMaxClipIfCoalesce() throws {
        #expect(try evaluate(fn("min", col("x"), col("y")), on: d) == numbers([1, -7, nil, 0, nil]))
        #expect(try evaluate(fn("max", col("x"), col("y"), num(2.75)), on: d) == numbers([2.75, 3, nil, 2.75, nil]))
        // A missing bound is no bound.
        #expect(try evaluate(fn("clip", col("x"), num(0), col("y")), on: d) == numbers([1, 0, nil, 0, 2.5]))
        #expect(try evaluate(fn("if", col("p"), col("x"), num(-1)), on: d) == numbers([1, -1, nil, 0, nil]))
        #expect(try evaluate(fn("if", col("p"), col("s"), str("none")), on: d) == strings(["Ann", "none", nil, "ann", nil]))
        #expect(try evaluate(fn("if", lit(false), col("p"), col("q")), on: d) == bools([nil, nil, nil, false, true]))
        #expect(try evaluate(fn("coalesce", col("y"), col("x"), num(0)), on: d) == numbers([2, 3, 4, 0, 2.5]))
        #expect(try evaluate(fn("coalesce", col("s"), col("t"), str("?")), on: d) == strings(["Ann", "bob", "x", "ann", "Bob"]))
        #expect(try evaluate(fn("coalesce", null(), col("q")), on: d) == bools([nil, nil, nil, false, true]))
    }

    @Test func literalsFillEveryRow() throws {
        #expect(try evaluate(bin(.add, num(1), num(2)), on: d) == numbers([3, 3, 3, 3, 3]))
        #expect(try evaluate(str("a"), on: d) == strings(["a", "a", "a", "a", "a"]))
        // `null` alone has no type; it becomes a column of missing numbers.
        let nulls = try null().evaluate(on: d, name: "n")
        #expect(nulls.type == .number && nulls.cells == numbers([nil, nil, nil, nil, nil]))
    }

    @Test func emptyDatasetsEvaluateToEmptyColumns() throws {
        let empty = d.head(0)
        #expect(try evaluate(bin(.greater, col("x"), num(0)), on: empty) == [])
        #expect(try evaluate(fn("if", col("p"), col("s"), str("z")), on: empty) == [])
    }
}
