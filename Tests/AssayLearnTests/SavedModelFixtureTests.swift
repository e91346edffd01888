import AssayFrame
import AssayLearn
import Foundation
import Testing

/// Every saved model file under `Fixtures/models` loads, predicts what it predicted when it was
/// written, and saves back to the same bytes: the file format has not moved.
@Suite struct SavedModelFixtureTests {
    @Test(arguments: SavedModelFixtures.names())
    func aSavedModelFileStillLoadsAndPredictsTheSame(_ name: String) throws {
        let file = try Data(contentsOf: SavedModelFixtures.modelFile(name))
        let expected = try ModelCoding.decode(SavedModelFixtures.Expected.self, from: Data(contentsOf: SavedModelFixtures.expectedFile(name)))
        let loaded = try SavedModel.decode(file)
        let rows = try SampleData.load(expected.sample).take(expected.rows)
        // Bit for bit: the same numbers in the same order go through the same arithmetic.
        switch try loaded.predict(rows) {
        case .probabilities(let p, let classes):
            #expect(classes == expected.classes)
            #expect(sameBits(p, try #require(expected.probabilities)))
        case .values(let v):
            #expect(sameBits(v, try #require(expected.values)))
        }
        let again = try SavedModel.encode(loaded)
        #expect(again == file, "saving the loaded model gives different JSON:\n\(firstDifference(again, file))")
    }

    @Test func theFixturesCoverEveryStageAndModelType() throws {
        var stageTypes: Set<String> = []
        var modelTypes: Set<String> = []
        for name in SavedModelFixtures.names() {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: SavedModelFixtures.modelFile(name))) as? [String: Any]
            for stage in json?["stages"] as? [[String: Any]] ?? [] { stageTypes.insert(stage["type"] as? String ?? "?") }
            let model = json?["model"] as? [String: Any]
            let ensemble = model?["ensemble"] as? [String: Any]
            modelTypes.insert([model?["type"] as? String, ensemble?["kind"] as? String].compactMap { $0 }.joined(separator: " "))
        }
        #expect(stageTypes == ["impute", "scale", "onehot", "index", "bucket", "quantiles", "products", "log", "pca", "derive"])
        #expect(modelTypes == ["logistic", "linear", "knn", "bayes", "trees tree", "trees forest", "trees boost"])
        #expect(Set(SavedModelFixtures.names()) == Set(SavedModelFixtures.all.map(\.name)))
    }

    /// Writes the listed fixtures that have no file yet with the current code; existing files
    /// are the compatibility guard and are never overwritten.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ASSAY_WRITE_MODEL_FIXTURES"] == "1", "writes fixtures only when ASSAY_WRITE_MODEL_FIXTURES=1"))
    func writeNewFixtures() throws {
        let existing = Set(SavedModelFixtures.names())
        for fixture in SavedModelFixtures.all where !existing.contains(fixture.name) { try SavedModelFixtures.write(fixture) }
    }
}

/// Where two JSON texts first differ, with some context from each.
func firstDifference(_ a: Data, _ b: Data) -> String {
    let (a, b) = (Array(a), Array(b))
    let index = a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? a.count
    func around(_ d: [UInt8]) -> String {
        String(decoding: d[min(d.count, max(0, index - 60))..<min(d.count, index + 60)], as: UTF8.self)
    }
    return "at byte \(index)\n  now:  …\(around(a))…\n  file: …\(around(b))…"
}
