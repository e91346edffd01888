import Foundation

/// `bayes()`: Gaussian naive Bayes as scikit-learn's `GaussianNB()`: per-class means and
/// (population) variances, each variance plus 1e-9 × the largest feature variance, class priors
/// from frequencies; probabilities from log-likelihoods. A missing feature at prediction time is
/// left out of the likelihood.
public struct GaussianNaiveBayes: Model {
    public var varianceSmoothing: Double

    public init(varianceSmoothing: Double = 1e-9) {
        self.varianceSmoothing = varianceSmoothing
    }

    public var kind: String { "bayes" }

    public func fit(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> any FittedModel {
        try fitBayes(x, target, context: context)
    }

    /// `fit` with its concrete result.
    public func fitBayes(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> FittedGaussianNaiveBayes {
        try target.requireRows(x)
        let (labels, classes) = try target.requireClasses(for: kind)
        try x.requireComplete(for: kind)
        let n = x.rows
        let p = x.columnCount
        let k = classes.count
        var counts = [Double](repeating: 0, count: k)
        for label in labels { counts[Int(label)] += 1 }
        var means = [Double](repeating: 0, count: k * p)
        var variances = [Double](repeating: 0, count: k * p)
        var largestVariance = 0.0
        for j in 0..<p {
            let column = x.column(j)
            let mean = column.reduce(0, +) / Double(n)
            largestVariance = max(largestVariance, column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n))
            for (i, value) in column.enumerated() { means[Int(labels[i]) * p + j] += value }
            for c in 0..<k where counts[c] > 0 { means[c * p + j] /= counts[c] }
            for (i, value) in column.enumerated() {
                let d = value - means[Int(labels[i]) * p + j]
                variances[Int(labels[i]) * p + j] += d * d
            }
            for c in 0..<k where counts[c] > 0 { variances[c * p + j] /= counts[c] }
        }
        // Constant features everywhere would leave no variance to divide by.
        let epsilon = varianceSmoothing * (largestVariance > 0 ? largestVariance : 1)
        for i in variances.indices { variances[i] += epsilon }
        return FittedGaussianNaiveBayes(
            classes: classes, featureNames: x.names, logPriors: counts.map { log($0 / Double(n)) }, means: means, variances: variances)
    }
}

/// A fitted `bayes()` model: class log priors and per-class feature means and variances
/// (`means[class * features + feature]`), saved under those names.
public struct FittedGaussianNaiveBayes: FittedModel, Codable {
    public var classes: [String]
    public var featureNames: [String]
    public var logPriors: [Double]
    public var means: [Double]
    public var variances: [Double]
    public var kind: String { "bayes" }

    public func predict(_ x: FeatureMatrix) -> Prediction {
        let query = x.aligned(to: featureNames)
        let n = query.rows
        let p = featureNames.count
        let k = classes.count
        var out = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            for c in 0..<k {
                var joint = logPriors[c]
                for j in 0..<p {
                    let value = query.values[j * n + i]
                    guard !value.isNaN else { continue }
                    let variance = variances[c * p + j]
                    let d = value - means[c * p + j]
                    joint -= 0.5 * log(2 * Double.pi * variance) + 0.5 * d * d / variance
                }
                out[i * k + c] = joint
            }
            LogisticProblem.softmax(&out, row: i, width: k)
        }
        return .probabilities(out, classes: classes)
    }
}

extension FittedGaussianNaiveBayes: ValidatedOnLoad {
    func validate() throws(LearnError) {
        let cells = classes.count * featureNames.count
        guard !classes.isEmpty, logPriors.count == classes.count, means.count == cells, variances.count == cells else {
            throw ModelCoding.damaged("a saved `bayes` model's statistics don't match its \(classes.count) classes and \(featureNames.count) features")
        }
    }
}
