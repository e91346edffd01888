import AssayLearn
import Testing

/// Validation splits: deterministic by seed, covering every row once, stratified by class.
@Suite struct FoldsTests {
    @Test func kFoldCoversEveryRowOnceAndRepeatsForASeed() throws {
        let folds = try Folds.kFold(rows: 10, k: 3, seed: 7)
        #expect(folds.map(\.test.count) == [4, 3, 3])
        #expect(folds.flatMap(\.test).sorted() == Array(0..<10))
        for fold in folds { #expect(Set(fold.train).isDisjoint(with: fold.test) && fold.train.count + fold.test.count == 10) }
        let again = try Folds.kFold(rows: 10, k: 3, seed: 7)
        #expect(again.map(\.test) == folds.map(\.test))
        let other = try Folds.kFold(rows: 10, k: 3, seed: 8)
        #expect(other.map(\.test) != folds.map(\.test))
    }

    @Test func stratifiedFoldsKeepClassShares() throws {
        // 20 of class 0, 10 of class 1: every one of 5 folds gets 4 and 2.
        let labels: [Int32] = (0..<30).map { $0 % 3 == 0 ? 1 : 0 }
        let folds = try Folds.stratifiedKFold(labels: labels, k: 5, seed: 1)
        for fold in folds {
            #expect(fold.test.filter { labels[$0] == 0 }.count == 4)
            #expect(fold.test.filter { labels[$0] == 1 }.count == 2)
        }
        #expect(folds.flatMap(\.test).sorted() == Array(0..<30))
    }

    @Test func holdoutStratifiedExactCount() throws {
        let labels: [Int32] = (0..<30).map { $0 % 3 == 0 ? 1 : 0 }
        let split = try Folds.holdout(rows: 30, fraction: 0.2, labels: labels, seed: 3)
        #expect(split.test.count == 6)
        #expect(split.test.filter { labels[$0] == 1 }.count == 2)
        #expect(try Folds.holdout(rows: 30, fraction: 0.2, labels: labels, seed: 3).test == split.test)
    }

    @Test func badFoldCountsAreErrors() {
        #expect(throws: LearnError("cross-validation needs at least 2 folds, got 1", help: "for example `cv 5`")) {
            try Folds.kFold(rows: 10, k: 1, seed: 0)
        }
        #expect(throws: LearnError("5 folds need at least 5 rows, and there are 3")) {
            try Folds.kFold(rows: 3, k: 5, seed: 0)
        }
    }
}
