import AssayFrame
import Testing

@Suite struct SampleSplitTests {
    /// 100 rows: `i` is the row number, `class` is "a" for 60 rows, "b" for 30 and "c" for 10.
    let d: Dataset

    init() throws {
        let classes = (0..<100).map { $0 % 10 < 6 ? "a" : ($0 % 10 < 9 ? "b" : "c") }
        d = try Dataset(columns: [Column("i", numbers: (0..<100).map(Double.init)), Column("class", strings: classes)])
    }

    func rows(_ part: Dataset) -> [Double] {
        part.cells("i").compactMap { if case .number(let x) = $0 { x } else { nil } }
    }

    @Test func sampleIsReproducibleAndWithoutReplacement() throws {
        let first = try d.sample(count: 10, seed: 7)
        #expect(first == (try d.sample(count: 10, seed: 7)))
        #expect(first != (try d.sample(count: 10, seed: 8)))
        #expect(Set(rows(first)).count == 10)
        #expect(Set(rows(try d.sample(count: 100, seed: 1))) == Set(rows(d)))
        #expect(try d.sample(fraction: 0.25, seed: 3).rowCount == 25)
        #expect(try d.sample(fraction: 0, seed: 3).rowCount == 0)
    }

    /// The generator is fixed (xoshiro256** seeded by SplitMix64), so a seed gives these rows
    /// on every machine; a change here breaks users' reproducibility.
    @Test func sampleRowsForASeedNeverChange() throws {
        #expect(rows(try d.sample(count: 5, seed: 42)) == goldenSample)
    }

    @Test func sampleErrors() {
        let tooMany = frameError { try d.sample(count: 101, seed: 1) }
        #expect(tooMany?.message == "can't sample 101 rows from a dataset of 100 without repeating rows")
        #expect(tooMany?.help == "sample at most 100 rows, or a fraction such as `sample 0.5`")
        #expect(frameError { try d.sample(fraction: 1.5, seed: 1) }?.message == "a sample fraction is between 0 and 1, got 1.5")
        #expect(frameError { try d.sample(fraction: .nan, seed: 1) } != nil)
        #expect(frameError { try d.sample(count: -1, seed: 1) } != nil)
    }

    @Test func splitIntoTwoAndThreeParts() throws {
        let two = try d.split(fractions: [0.8], stratify: nil, seed: 1)
        #expect(two.map(\.rowCount) == [80, 20])
        let three = try d.split(fractions: [0.6, 0.2, 0.2], stratify: nil, seed: 1)
        #expect(three.map(\.rowCount) == [60, 20, 20])
        // Every row in exactly one part, each part in the original order.
        let all = three.flatMap(rows)
        #expect(all.sorted() == rows(d))
        for part in three { #expect(rows(part) == rows(part).sorted()) }
        #expect(try d.split(fractions: [0.5, 0.3], stratify: nil, seed: 1).map(\.rowCount) == [50, 30, 20])
        #expect(try d.head(7).split(fractions: [0.5], stratify: nil, seed: 1).map(\.rowCount) == [4, 3])
        #expect(try d.head(0).split(fractions: [0.8], stratify: nil, seed: 1).map(\.rowCount) == [0, 0])
    }

    @Test func splitIsReproducible() throws {
        let a = try d.split(fractions: [0.7], stratify: "class", seed: 5)
        let b = try d.split(fractions: [0.7], stratify: "class", seed: 5)
        let c = try d.split(fractions: [0.7], stratify: "class", seed: 6)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func stratifiedSplitKeepsClassProportions() throws {
        let parts = try d.split(fractions: [0.6, 0.2, 0.2], stratify: "class", seed: 9)
        func counts(_ part: Dataset) -> [String: Int] {
            var counts: [String: Int] = [:]
            for cell in part.cells("class") { if case .string(let s) = cell { counts[s, default: 0] += 1 } }
            return counts
        }
        #expect(parts.map(counts) == [["a": 36, "b": 18, "c": 6], ["a": 12, "b": 6, "c": 2], ["a": 12, "b": 6, "c": 2]])
    }

    @Test func stratifiedSplitOfManySmallClassesStillHitsThePartSizes() throws {
        // 40 classes of 3 rows: rounding each class alone would give 2 + 1 rows, 80 + 40 in all;
        // the parts get 96 and 24, and every class at least 2 rows in the first.
        let many = try Dataset(columns: [Column("k", numbers: (0..<120).map { Double($0 / 3) })])
        let parts = try many.split(fractions: [0.8], stratify: "k", seed: 2)
        #expect(parts.map(\.rowCount) == [96, 24])
        let first = try parts[0].grouped(by: ["k"], aggregations: [Aggregation(name: "n", function: .count, column: nil)])
        #expect(first.rowCount == 40)
        #expect(first.cells("n").allSatisfy { $0 == .number(2) || $0 == .number(3) })
    }

    @Test func splitErrors() {
        #expect(frameError { try d.split(fractions: [0.8, 0.3], stratify: nil, seed: 1) }?.message == "split fractions add up to 1.1, more than 1")
        #expect(frameError { try d.split(fractions: [], stratify: nil, seed: 1) }?.message == "`split` needs at least one fraction")
        #expect(frameError { try d.split(fractions: [0], stratify: nil, seed: 1) }?.message == "a split fraction is between 0 and 1, got 0.0")
        #expect(frameError { try d.split(fractions: [0.5], stratify: "klass", seed: 1) }?.help == "did you mean `class`?")
    }
}

/// Computed independently by a Python transcription of the same generator and shuffle.
private let goldenSample: [Double] = [8, 38, 68, 92, 99]
