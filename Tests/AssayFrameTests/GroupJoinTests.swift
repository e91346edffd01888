import AssayFrame
import Testing

@Suite struct GroupTests {
    let penguins: Dataset

    init() throws {
        penguins = try Dataset(columns: [
            Column("species", strings: ["a", "b", "a", "c", "b", "a", nil, "b"]),
            Column("mass", numbers: [3.0, 5.5, .nan, 2.0, 7.25, 4.0, 1.0, 6.5]),
            Column("island", strings: ["x", "y", "z", nil, "w", "y", "x", "v"]),
            Column("tagged", bools: [true, false, nil, true, true, false, true, true]),
        ])
    }

    /// Expected values from pandas 3.1.1:
    /// `d.groupby("species", dropna=False, sort=False).agg(n=("mass","size"), count=("mass","count"), ...)`.
    @Test func everyAggregateMatchesPandas() throws {
        let aggregations = Aggregate.allCases.map { Aggregation(name: $0.rawValue, function: $0, column: "mass") }
        let grouped = try penguins.grouped(by: ["species"], aggregations: [Aggregation(name: "n", function: .count, column: nil)] + aggregations)
        #expect(grouped.columnNames == ["species", "n", "count", "mean", "sum", "min", "max", "median", "std", "var", "distinct_count", "first", "last"])
        #expect(grouped.cells("species") == strings(["a", "b", "c", nil]))
        #expect(grouped.cells("n") == numbers([3, 3, 1, 1]))
        #expect(grouped.cells("count") == numbers([2, 3, 1, 1]))
        #expect(grouped.cells("sum") == numbers([7, 19.25, 2, 1]))
        #expect(grouped.cells("min") == numbers([3, 5.5, 2, 1]))
        #expect(grouped.cells("max") == numbers([4, 7.25, 2, 1]))
        #expect(grouped.cells("median") == numbers([3.5, 6.5, 2, 1]))
        #expect(grouped.cells("distinct_count") == numbers([2, 3, 1, 1]))
        #expect(grouped.cells("first") == numbers([3, 5.5, 2, 1]))
        #expect(grouped.cells("last") == numbers([4, 6.5, 2, 1]))
        // Tolerance 1e-12 relative; std and var of one value are missing (ddof = 1).
        expectClose(grouped.cells("mean"), [3.5, 6.416666666666667, 2, 1])
        expectClose(grouped.cells("std"), [0.7071067811865476, 0.8779711460710615, nil, nil])
        expectClose(grouped.cells("var"), [0.5, 0.7708333333333333, nil, nil])
    }

    @Test func stringsAndBoolsKeepTheirTypeInMinMaxFirstLast() throws {
        let grouped = try penguins.grouped(
            by: ["species"],
            aggregations: [
                Aggregation(name: "first", function: .first, column: "island"),
                Aggregation(name: "last", function: .last, column: "island"),
                Aggregation(name: "min", function: .min, column: "island"),
                Aggregation(name: "max", function: .max, column: "island"),
                Aggregation(name: "islands", function: .distinctCount, column: "island"),
                Aggregation(name: "any", function: .max, column: "tagged"),
                Aggregation(name: "share", function: .mean, column: "tagged"),
            ])
        #expect(grouped.cells("first") == strings(["x", "y", nil, "x"]))
        #expect(grouped.cells("last") == strings(["y", "v", nil, "x"]))
        #expect(grouped.cells("min") == strings(["x", "v", nil, "x"]))
        #expect(grouped.cells("max") == strings(["z", "y", nil, "x"]))
        #expect(grouped.cells("islands") == numbers([3, 3, 0, 1]))
        #expect(grouped.cells("any") == bools([true, true, true, true]))
        #expect(grouped.cells("share") == numbers([0.5, 2.0 / 3.0, 1, 1]))
    }

    @Test func severalKeysAndNoKeys() throws {
        let d = try Dataset(columns: [
            Column("k", numbers: [1, 1, 2, 1, 2]), Column("s", strings: ["x", "y", "x", "x", "x"]),
            Column("v", numbers: [1, 2, 3, 4, .nan]),
        ])
        let byBoth = try d.grouped(by: ["s", "k"], aggregations: [Aggregation(name: "total", function: .sum, column: "v")])
        #expect(byBoth.cells("s") == strings(["x", "y", "x"]))
        #expect(byBoth.cells("k") == numbers([1, 1, 2]))
        #expect(byBoth.cells("total") == numbers([5, 2, 3]))
        let whole = try d.grouped(by: [], aggregations: [
            Aggregation(name: "n", function: .count, column: nil), Aggregation(name: "mean", function: .mean, column: "v"),
        ])
        #expect(whole.cells("n") == numbers([5]))
        #expect(whole.cells("mean") == numbers([2.5]))
        // Over no rows: a sum of nothing is 0 and a mean is missing, as in pandas.
        let none = try d.head(0).grouped(by: [], aggregations: [
            Aggregation(name: "sum", function: .sum, column: "v"), Aggregation(name: "mean", function: .mean, column: "v"),
        ])
        #expect(none.cells("sum") == numbers([0]) && none.cells("mean") == numbers([nil]))
        #expect(try d.head(0).grouped(by: ["k"], aggregations: []).rowCount == 0)
    }

    @Test func groupErrors() {
        let stringMean = frameError {
            try penguins.grouped(by: ["species"], aggregations: [Aggregation(name: "m", function: .mean, column: "island")])
        }
        #expect(stringMean?.message == "`mean` needs numbers, and `island` is a string column")
        #expect(stringMean?.help == "on strings use count, distinct_count, min, max, first or last")
        let noColumn = frameError { try penguins.grouped(by: [], aggregations: [Aggregation(name: "m", function: .max, column: nil)]) }
        #expect(noColumn?.message == "`max` needs a column")
        #expect(noColumn?.help == "write `m = max(COLUMN)`")
        let clash = frameError {
            try penguins.grouped(by: ["species"], aggregations: [Aggregation(name: "species", function: .count, column: nil)])
        }
        #expect(clash?.message == "two output columns are named `species`")
        #expect(frameError { try penguins.grouped(by: ["specie"], aggregations: []) }?.help == "did you mean `species`?")
    }
}

@Suite struct JoinTests {
    let orders: Dataset
    let customers: Dataset

    init() throws {
        orders = try Dataset(columns: [
            Column("order", numbers: [1, 2, 3, 4, 5]),
            Column("customer", strings: ["c2", "c9", "c1", nil, "c2"]),
            Column("amount", numbers: [10, 20, 30, 40, 50]),
        ])
        customers = try Dataset(columns: [
            Column("customer", strings: ["c1", "c2", "c2", nil]),
            Column("name", strings: ["ann", "bob", "bo", "nobody"]),
            Column("amount", numbers: [100, 200, 201, 0]),
        ])
    }

    @Test func innerJoinKeepsMatchesInLeftOrder() throws {
        let joined = try orders.joined(with: customers, on: ["customer"], kind: .inner)
        #expect(joined.columnNames == ["order", "customer", "amount", "name", "amount_right"])
        #expect(joined.cells("order") == numbers([1, 1, 3, 5, 5]))
        #expect(joined.cells("name") == strings(["bob", "bo", "ann", "bob", "bo"]))
        #expect(joined.cells("amount_right") == numbers([200, 201, 100, 200, 201]))
    }

    @Test func leftJoinKeepsUnmatchedRowsAndMissingKeysMatchNothing() throws {
        let joined = try orders.joined(with: customers, on: ["customer"], kind: .left)
        #expect(joined.cells("order") == numbers([1, 1, 2, 3, 4, 5, 5]))
        #expect(joined.cells("customer") == strings(["c2", "c2", "c9", "c1", nil, "c2", "c2"]))
        #expect(joined.cells("name") == strings(["bob", "bo", nil, "ann", nil, "bob", "bo"]))
    }

    @Test func severalKeysAndNumberKeys() throws {
        let left = try Dataset(columns: [Column("a", numbers: [1, 1, 2, .nan]), Column("b", strings: ["x", "y", "x", "x"])])
        let right = try Dataset(columns: [
            Column("b", strings: ["x", "x", "y"]), Column("a", numbers: [1, 2, -0.0]), Column("v", bools: [true, false, nil]),
        ])
        let joined = try left.joined(with: right, on: ["a", "b"], kind: .left)
        #expect(joined.columnNames == ["a", "b", "v"])
        #expect(joined.cells("v") == bools([true, nil, false, nil]))
        let zero = try Dataset(columns: [Column("a", numbers: [0])])
        #expect(try zero.joined(with: right, on: ["a"], kind: .inner).cells("b") == strings(["y"]))  // 0 matches -0
    }

    @Test func joinErrors() throws {
        let numbered = try Dataset(columns: [Column("customer", numbers: [1])])
        let mismatch = frameError { try orders.joined(with: numbered, on: ["customer"], kind: .inner) }
        #expect(mismatch?.message == "key `customer` holds strings on the left and numbers on the right")
        #expect(mismatch?.help == "join on columns of the same type")
        let unknown = frameError { try orders.joined(with: customers, on: ["order"], kind: .inner) }
        #expect(unknown?.message == "unknown column `order` in the right dataset")
        #expect(unknown?.help == "the columns are `customer`, `name`, `amount`")
        #expect(frameError { try orders.joined(with: customers, on: [], kind: .inner) }?.message == "a join needs at least one key column")
    }
}

/// Cells equal to `expected` within a relative tolerance of 1e-12 (missing where nil).
func expectClose(_ cells: [Cell], _ expected: [Double?], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(cells.count == expected.count, sourceLocation: sourceLocation)
    for (cell, value) in zip(cells, expected) {
        switch (cell, value) {
        case (.missing, nil): continue
        case (.number(let x), let y?):
            #expect(abs(x - y) <= 1e-12 * max(1, abs(y)), "\(x) is not \(y)", sourceLocation: sourceLocation)
        default:
            Issue.record("\(cell) is not \(String(describing: value))", sourceLocation: sourceLocation)
        }
    }
}
