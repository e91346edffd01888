import AssayFrame
import Testing

@Suite struct SyntheticDataTests {
    @Test func classificationIsDeterministicBySeed() throws {
        let a = try SyntheticData.classification(rows: 100_000, features: 6, informative: 3, redundant: 1, classes: 3, seed: 1)
        let b = try SyntheticData.classification(rows: 100_000, features: 6, informative: 3, redundant: 1, classes: 3, seed: 1)
        let c = try SyntheticData.classification(rows: 100_000, features: 6, informative: 3, redundant: 1, classes: 3, seed: 2)
        #expect(a == b)
        #expect(a != c)
        #expect(a.columnNames == ["f1", "f2", "f3", "f4", "f5", "f6", "target"])
        guard case .number(let target)? = a.column("target")?.values else {
            Issue.record("target is not numbers")
            return
        }
        #expect(Set(target) == [0, 1, 2])
    }

    @Test func redundantFeaturesAreCombinationsOfInformativeOnes() throws {
        let d = try SyntheticData.classification(rows: 1000, features: 4, informative: 2, redundant: 1, seed: 3)
        guard case .number(let f1)? = d.column("f1")?.values, case .number(let f2)? = d.column("f2")?.values,
            case .number(let f3)? = d.column("f3")?.values
        else {
            Issue.record("features are not numbers")
            return
        }
        // f3 = u·f1 + v·f2: solve from two rows, check on the rest (tolerance 1e-9).
        let det = f1[0] * f2[1] - f1[1] * f2[0]
        let u = (f3[0] * f2[1] - f3[1] * f2[0]) / det
        let v = (f1[0] * f3[1] - f1[1] * f3[0]) / det
        #expect((0..<1000).allSatisfy { abs(u * f1[$0] + v * f2[$0] - f3[$0]) < 1e-9 })
    }

    @Test func separationSeparatesClasses() throws {
        func meanGap(_ separation: Double) throws -> Double {
            let d = try SyntheticData.classification(rows: 20_000, features: 1, informative: 1, separation: separation, seed: 5)
            guard case .number(let x)? = d.column("f1")?.values, case .number(let y)? = d.column("target")?.values else { return 0 }
            let zero = zip(x, y).filter { $0.1 == 0 }.map(\.0)
            let one = zip(x, y).filter { $0.1 == 1 }.map(\.0)
            return abs(zero.reduce(0, +) / Double(zero.count) - one.reduce(0, +) / Double(one.count))
        }
        #expect(try meanGap(3) > 2 * meanGap(1))
    }

    @Test func regressionFollowsTheLinearModel() throws {
        let a = try SyntheticData.regression(rows: 50_000, features: 4, informative: 2, noise: 0, seed: 9)
        #expect(a == (try SyntheticData.regression(rows: 50_000, features: 4, informative: 2, noise: 0, seed: 9)))
        #expect(a.columnNames == ["f1", "f2", "f3", "f4", "target"])
        guard case .number(let f3)? = a.column("f3")?.values, case .number(let t)? = a.column("target")?.values else {
            Issue.record("columns are not numbers")
            return
        }
        // f3 is noise: the target does not move with it (|correlation| < 0.02 on 50k rows).
        let mt = t.reduce(0, +) / Double(t.count)
        let m3 = f3.reduce(0, +) / Double(f3.count)
        let cov = zip(f3, t).map { ($0 - m3) * ($1 - mt) }.reduce(0, +)
        let corr = cov / (f3.map { ($0 - m3) * ($0 - m3) }.reduce(0, +) * t.map { ($0 - mt) * ($0 - mt) }.reduce(0, +)).squareRoot()
        #expect(abs(corr) < 0.02)
    }

    @Test func badArgumentsAreErrors() {
        #expect(throws: FrameError("informative plus redundant (3 + 2) is more than features (4)", help: "raise features or lower redundant")) {
            try SyntheticData.classification(rows: 10, features: 4, informative: 3, redundant: 2, seed: 1)
        }
        #expect(throws: FrameError.self) { try SyntheticData.regression(rows: 0, features: 4, seed: 1) }
    }
}
