import Foundation

/// Class metrics over one set of labels and row-major predicted probabilities.
struct ClassScores {
    let labels: [Int32]
    let probabilities: [Double]
    let classCount: Int

    /// Precision, recall and F1 of one class, with its support in the target.
    struct PerClass {
        var precision: Double
        var recall: Double
        var f1: Double
        var support: Int
    }

    /// The most probable class of each row; the first on ties, as numpy's argmax.
    var predictedLabels: [Int] {
        (0..<labels.count).map { row in
            var best = 0
            for c in 1..<max(classCount, 1) where probabilities[row * classCount + c] > probabilities[row * classCount + best] { best = c }
            return best
        }
    }

    func accuracy() -> Double {
        let predicted = predictedLabels
        var right = 0
        for (row, label) in labels.enumerated() where Int(label) == predicted[row] { right += 1 }
        return Double(right) / Double(labels.count)
    }

    /// scikit-learn's `average="weighted"` over the classes seen in the target or the predictions.
    func weighted(_ value: KeyPath<PerClass, Double>) -> Double {
        let predicted = predictedLabels
        var truePositive = [Int](repeating: 0, count: classCount)
        var support = [Int](repeating: 0, count: classCount)
        var predictedCount = [Int](repeating: 0, count: classCount)
        for (row, label) in labels.enumerated() {
            support[Int(label)] += 1
            predictedCount[predicted[row]] += 1
            if Int(label) == predicted[row] { truePositive[Int(label)] += 1 }
        }
        var total = 0.0
        for c in 0..<classCount where support[c] > 0 {
            let tp = Double(truePositive[c])
            let precision = predictedCount[c] > 0 ? tp / Double(predictedCount[c]) : 0
            let recall = tp / Double(support[c])
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            let scores = PerClass(precision: precision, recall: recall, f1: f1, support: support[c])
            total += scores[keyPath: value] * Double(support[c])
        }
        return total / Double(labels.count)
    }

    /// A binary ranking score of the last class for two classes; the mean over classes present
    /// in the target of the one-vs-rest score for more.
    func oneVsRest(_ score: ([Bool], [Double]) -> Double, name: String) throws(LearnError) -> Double {
        let rows = labels.count
        func column(_ c: Int) -> (positive: [Bool], score: [Double]) {
            (labels.map { Int($0) == c }, (0..<rows).map { probabilities[$0 * classCount + c] })
        }
        let present = Set(labels.map(Int.init))
        if classCount == 2 {
            guard present.count == 2 else {
                throw LearnError("`\(name)` needs both classes in the target, and it holds only one")
            }
            let (positive, scores) = column(1)
            return score(positive, scores)
        }
        guard present.count >= 2 else {
            throw LearnError("`\(name)` needs at least two classes in the target, and it holds only one")
        }
        var sum = 0.0
        for c in 0..<classCount where present.contains(c) {
            let (positive, scores) = column(c)
            sum += score(positive, scores)
        }
        return sum / Double(present.count)
    }

    func logLoss() -> Double {
        let eps = Double.ulpOfOne
        var total = 0.0
        for (row, label) in labels.enumerated() {
            let p = min(max(probabilities[row * classCount + Int(label)], eps), 1 - eps)
            total -= p.isNaN ? .nan : log(p)
        }
        return total / Double(labels.count)
    }
}
