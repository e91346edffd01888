import AssayFrame
import Testing

@Suite struct DescribeTests {
    /// Expected numbers from pandas 3.1.1 `Series.describe()` on the same values; tolerance 1e-12 relative.
    @Test func numbersMatchPandas() throws {
        let d = try Dataset(columns: [
            Column("mass", numbers: [3.0, 5.5, .nan, 2.0, 7.25, 4.0, 1.0, 6.5]),
            Column("wide", numbers: [1, 2, 4, 8, 16, 32, 100.5, .nan]),
        ])
        let summaries = d.describe()
        #expect(summaries.map(\.name) == ["mass", "wide"])
        let mass = summaries[0]
        #expect(mass.type == .number && mass.count == 7 && mass.missing == 1 && mass.distinct == 7)
        expectClose(mass.mean, 4.178571428571429)
        expectClose(mass.std, 2.3394901764517595)
        #expect([mass.min, mass.q25, mass.median, mass.q75, mass.max] == [1, 2.5, 4, 6, 7.25])
        #expect(mass.top == nil && mass.topCount == 0)
        let wide = summaries[1]
        expectClose(wide.mean, 23.357142857142858)
        expectClose(wide.std, 35.698639429855824)
        #expect([wide.min, wide.q25, wide.median, wide.q75, wide.max] == [1, 3, 8, 24, 100.5])
    }

    /// pandas: count 7, unique 3, top "a" (tied with "b", which appears later), freq 3.
    @Test func stringsCountDistinctAndTop() throws {
        let d = try Dataset(columns: [Column("species", strings: ["a", "b", "a", "c", "b", "a", nil, "b"])])
        let species = d.describe()[0]
        #expect(species.type == .string && species.count == 7 && species.missing == 1)
        #expect(species.distinct == 3 && species.top == "a" && species.topCount == 3)
        #expect(species.mean == nil && species.median == nil)
    }

    @Test func boolsAndEmptyColumns() throws {
        let d = try Dataset(columns: [
            Column("flag", bools: [false, true, true, nil]), Column("none", numbers: [.nan, .nan, .nan, .nan]),
            Column("one", numbers: [5, .nan, .nan, .nan]),
        ])
        let summaries = d.describe()
        #expect(summaries[0].top == "true" && summaries[0].topCount == 2 && summaries[0].distinct == 2)
        #expect(summaries[1].count == 0 && summaries[1].missing == 4 && summaries[1].mean == nil && summaries[1].distinct == 0)
        // One value: a mean but no sample standard deviation.
        #expect(summaries[2].mean == 5 && summaries[2].std == nil && summaries[2].q25 == 5)
        #expect(Dataset.empty.describe().isEmpty)
    }
}

func expectClose(_ value: Double?, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let value else {
        Issue.record("missing, expected \(expected)", sourceLocation: sourceLocation)
        return
    }
    #expect(abs(value - expected) <= 1e-12 * max(1, abs(expected)), "\(value) is not \(expected)", sourceLocation: sourceLocation)
}
