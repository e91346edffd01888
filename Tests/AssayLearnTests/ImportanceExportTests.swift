import AssayFrame
import Foundation
import Testing

@testable import AssayLearn

/// Impurity and permutation importance, and the shap export.
@Suite struct ImportanceExportTests {
    /// A stump on `feature` with `gain`, over two features.
    static func stump(feature: Int32, gain: Double) -> Tree {
        Tree(
            feature: [feature, -1, -1], threshold: [0.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1],
            missingGoesLeft: [true, true, false], value: [0.5, 0, 1], outputs: 1, outputIndex: 0,
            cover: [4, 2, 2], gain: [gain, 0, 0])
    }

    /// Two trees: the first splits on a (gain 3), the second on a (1) then b (1).
    static func ensemble(_ kind: EnsembleKind) throws -> TreeEnsemble {
        let second = Tree(
            feature: [0, 1, -1, -1, -1], threshold: [0.5, 0.5, 0, 0, 0], left: [1, 3, -1, -1, -1], right: [2, 4, -1, -1, -1],
            missingGoesLeft: [true, false, true, true, true], value: [0.5, 0.2, 1, 0, 0.4], outputs: 1, outputIndex: 0,
            cover: [5, 3, 2, 2, 1], gain: [1, 1, 0, 0, 0])
        return try TreeEnsemble(kind: kind, trees: [stump(feature: 0, gain: 3), second], featureNames: ["a", "b"], classes: nil, baseScore: [0])
    }

    @Test func impurityImportanceFollowsSpark() throws {
        // Forest: each tree normalized first, [1, 0] and [0.5, 0.5], then averaged.
        #expect(try Self.ensemble(.forest).impurityImportance() == [0.75, 0.25])
        // Boosting: gains summed as they are, [4, 1], then normalized.
        #expect(try Self.ensemble(.boost).impurityImportance() == [0.8, 0.2])
    }

    @Test(arguments: [EnsembleKind.tree, .forest, .boost])
    func impurityImportanceSumsToOne(kind: EnsembleKind) throws {
        let (model, _) = try TreeExplainerTests.fit(kind, .multiclass, rows: 600, features: 6, trees: 10, depth: 4)
        let importance = model.impurityImportance()
        #expect(importance.count == 6)
        #expect(abs(importance.reduce(0, +) - 1) < 1e-12)
        #expect(importance.allSatisfy { $0 >= 0 })
    }

    @Test func permutationImportanceIgnoresUnusedFeatures() throws {
        let (x, y) = try LinearKernelExplainerTests.regression(rows: 300, features: 3)
        guard case .values(let target) = y else { Issue.record("the regression fixture gave no values"); return }
        // A "model" that reads x0 only; the score is the negative mean squared error.
        let score: @Sendable (FeatureMatrix) -> Double = { m in
            -(0..<m.rows).reduce(0.0) { $0 + (m[$1, 0] * -1 - target[$1]) * (m[$1, 0] * -1 - target[$1]) } / Double(m.rows)
        }
        let one = try PermutationImportance.compute(x, repeats: 4, seed: 7, threads: 1, score: score)
        let two = try PermutationImportance.compute(x, repeats: 4, seed: 7, threads: 2, score: score)
        #expect(one == two)
        #expect(one.mean[0] > 0)
        #expect(one.mean[1] == 0 && one.mean[2] == 0)
        #expect(one.standardDeviation[1] == 0)
        #expect(one.drops.allSatisfy { $0.count == 4 })
        #expect(throws: LearnError.self) { try PermutationImportance.compute(x, repeats: 0, score: score) }
    }

    @Test func shapExportTranslatesNodes() throws {
        let json = try Self.ensemble(.forest).shapJSON()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let trees = try #require(object["trees"] as? [[String: Any]])
        #expect(trees.count == 2)
        let second = trees[1]
        #expect(second["children_left"] as? [Int] == [1, 3, -1, -1, -1])
        #expect(second["children_right"] as? [Int] == [2, 4, -1, -1, -1])
        // Missing values go left at the root and right at node 1.
        #expect(second["children_default"] as? [Int] == [1, 4, -1, -1, -1])
        #expect(second["features"] as? [Int] == [0, 1, -1, -1, -1])
        #expect(second["thresholds"] as? [Double] == [0.5, 0.5, 0, 0, 0])
        // Forest values are divided by the two trees; covers add up from the leaves.
        #expect(second["values"] as? [[Double]] == [[0.25], [0.1], [0.5], [0], [0.2]])
        #expect(second["node_sample_weight"] as? [Double] == [5, 3, 2, 2, 1])
        #expect(object["base_offset"] as? Double == 0)
        #expect(object["feature_names"] as? [String] == ["a", "b"])
    }

    @Test func multiclassBoostingExportsEveryOutputPerTree() throws {
        let (model, _) = try TreeExplainerTests.fit(.boost, .multiclass, rows: 300, features: 3, trees: 2, depth: 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(model.shapJSON().utf8)) as? [String: Any])
        let trees = try #require(object["trees"] as? [[String: Any]])
        #expect(trees.count == 6)
        let values = try #require(trees[4]["values"] as? [[Double]])
        // The fifth tree is round 2's tree for class b: only its column is set.
        #expect(values.allSatisfy { $0.count == 3 && $0[0] == 0 && $0[2] == 0 })
        #expect((object["base_offset"] as? [Double])?.count == 3)
    }
}
