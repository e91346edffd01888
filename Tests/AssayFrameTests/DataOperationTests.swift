import AssayFrame
import Testing

@Suite struct DataOperationTests {
    let people: Dataset

    init() throws {
        people = try Dataset(columns: [
            Column("name", strings: ["ann", "bob", "cy", "di", "ed"]),
            Column("age", numbers: [31, 22, .nan, 45, 22]),
            Column("sex", strings: ["f", "m", "m", nil, "m"]),
        ])
    }

    @Test func whereKeepsOnlyTrueRows() throws {
        // age > 25 is missing for cy: dropped like false.
        let older = try people.filter(bin(.greater, col("age"), num(25)))
        #expect(older.cells("name") == strings(["ann", "di"]))
        #expect(older.columnNames == ["name", "age", "sex"])
        #expect(try people.filter(lit(true)) == people)
        #expect(try people.filter(null()).rowCount == 0)
    }

    @Test func whereNeedsACondition() {
        let failure = rowError { try people.filter(col("age", id: 4)) }
        #expect(failure?.message == "`where` needs a condition, got a number")
        #expect(failure?.help == "compare it, for example `x > 0`")
        #expect(failure?.nodeID == 4)
    }

    @Test func deriveSeesEarlierDefinitionsAndKeepsPositions() throws {
        let derived = try people.derive([
            (name: "next", expression: bin(.add, col("age"), num(1))),
            (name: "twice", expression: bin(.multiply, col("next"), num(2))),
            (name: "age", expression: bin(.subtract, col("age"), num(20))),
        ])
        #expect(derived.columnNames == ["name", "age", "sex", "next", "twice"])
        #expect(derived.cells("age") == numbers([11, 2, nil, 25, 2]))
        #expect(derived.cells("twice") == numbers([64, 46, nil, 92, 46]))
        #expect(people.cells("age") == numbers([31, 22, nil, 45, 22]))  // the input is unchanged
    }

    @Test func selectDropRename() throws {
        #expect(try people.selecting(["sex", "name"]).columnNames == ["sex", "name"])
        #expect(try people.dropping(["age"]).columnNames == ["name", "sex"])
        let renamed = try people.renaming([(old: "age", new: "years"), (old: "name", new: "who")])
        #expect(renamed.columnNames == ["who", "years", "sex"])
        #expect(renamed.cells("years") == people.cells("age"))
        // Renames happen at once, so two names can swap.
        #expect(try people.renaming([(old: "age", new: "sex"), (old: "sex", new: "age")]).columnNames == ["name", "sex", "age"])
    }

    @Test func columnErrorsHelpFindTheName() {
        let unknown = frameError { try people.selecting(["nmae"]) }
        #expect(unknown?.message == "unknown column `nmae`")
        #expect(unknown?.help == "did you mean `name`?")
        #expect(frameError { try people.dropping(["zzz"]) }?.help == "the columns are `name`, `age`, `sex`")
        #expect(frameError { try people.selecting(["age", "age"]) }?.message == "column `age` is listed twice")
        let clash = frameError { try people.renaming([(old: "age", new: "sex")]) }
        #expect(clash?.message == "two columns would be named `sex`")
        #expect(clash?.help == "choose a name no other column has")
    }

    @Test func sortIsStableWithMissingLast() throws {
        let ascending = try people.sorted(by: [(column: "age", order: .ascending)])
        #expect(ascending.cells("name") == strings(["bob", "ed", "ann", "di", "cy"]))
        let descending = try people.sorted(by: [(column: "age", order: .descending)])
        #expect(descending.cells("name") == strings(["di", "ann", "bob", "ed", "cy"]))
        let bySexThenAge = try people.sorted(by: [(column: "sex", order: .descending), (column: "age", order: .ascending)])
        #expect(bySexThenAge.cells("name") == strings(["bob", "ed", "cy", "ann", "di"]))
        #expect(frameError { try people.sorted(by: [(column: "agge", order: .ascending)]) }?.help == "did you mean `age`?")
    }

    @Test func sortStringsByCodePointAndBools() throws {
        let d = try Dataset(columns: [
            Column("s", strings: ["b", "B", "a", nil, "A", "b"]), Column("i", numbers: [0, 1, 2, 3, 4, 5]),
            Column("f", bools: [true, nil, false, true, false, nil]),
        ])
        #expect(try d.sorted(by: [(column: "s", order: .ascending)]).cells("i") == numbers([4, 1, 2, 0, 5, 3]))
        #expect(try d.sorted(by: [(column: "f", order: .descending)]).cells("i") == numbers([0, 3, 2, 4, 1, 5]))
    }

    @Test func sortOrdersSpecialNumbers() throws {
        let d = try Dataset(columns: [
            Column("v", numbers: [2, .nan, -.infinity, 0, -1, .infinity, -0.0, -1e-300, .nan]),
            Column("i", numbers: [0, 1, 2, 3, 4, 5, 6, 7, 8]),
        ])
        // -0 and 0 are equal, so they keep their order; both missing values stay last, in order.
        #expect(try d.sorted(by: [(column: "v", order: .ascending)]).cells("i") == numbers([2, 4, 7, 3, 6, 0, 5, 1, 8]))
        #expect(try d.sorted(by: [(column: "v", order: .descending)]).cells("i") == numbers([5, 0, 3, 6, 7, 4, 2, 1, 8]))
    }

    @Test func headAndTail() {
        #expect(people.head(2).cells("name") == strings(["ann", "bob"]))
        #expect(people.tail(2).cells("name") == strings(["di", "ed"]))
        #expect(people.head(99).rowCount == 5)
        #expect(people.tail(0).rowCount == 0)
        #expect(people.head(-3).rowCount == 0)
        #expect(people.tail(-1).columnNames == people.columnNames)
    }

    @Test func dropMissing() throws {
        #expect(try people.droppingMissing(nil).cells("name") == strings(["ann", "bob", "ed"]))
        #expect(try people.droppingMissing(["sex"]).cells("name") == strings(["ann", "bob", "cy", "ed"]))
        #expect(frameError { try people.droppingMissing(["sx"]) }?.help == "did you mean `sex`?")
    }

    @Test func distinctKeepsFirstOccurrences() throws {
        let d = try Dataset(columns: [
            Column("a", numbers: [1, 1, .nan, 2, .nan, 1, -0.0, 0]),
            Column("b", strings: ["x", "x", nil, "y", nil, "z", "x", "x"]),
            Column("i", numbers: [0, 1, 2, 3, 4, 5, 6, 7]),
        ])
        // Missing equals missing, and -0 equals 0.
        #expect(try d.distinct(["a", "b"]).cells("i") == numbers([0, 2, 3, 5, 6]))
        #expect(try d.distinct(["a"]).cells("i") == numbers([0, 2, 3, 6]))
        #expect(try d.distinct(nil) == d)
        #expect(try d.selecting(["b"]).distinct(nil).cells("b") == strings(["x", nil, "y", "z"]))
    }
}
