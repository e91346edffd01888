/// A learner with its hyperparameters set: fitting it on features and a target gives a model.
public protocol Model: Sendable {
    /// The name the language uses for it: `logistic`, `linear`, `knn`, `bayes`, `tree`, ...
    var kind: String { get }
    func fit(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> any FittedModel
}

/// A fitted model: it predicts from features named as at fit time.
public protocol FittedModel: Sendable {
    var kind: String { get }
    var featureNames: [String] { get }
    /// Features are matched by name; a feature the matrix lacks counts as missing.
    func predict(_ x: FeatureMatrix) -> Prediction
}

extension FeatureMatrix {
    /// The columns named `names`, in that order; a name the matrix lacks becomes a column of
    /// missing values, so predicting never traps on a mismatched matrix.
    public func aligned(to names: [String]) -> FeatureMatrix {
        if names == self.names { return self }
        var position: [String: Int] = [:]
        for (index, name) in self.names.enumerated() where position[name] == nil { position[name] = index }
        var out = [Double](repeating: .nan, count: rows * names.count)
        for (c, name) in names.enumerated() {
            guard let source = position[name] else { continue }
            for r in 0..<rows { out[c * rows + r] = values[source * rows + r] }
        }
        return FeatureMatrix(trusted: rows, names, out)
    }

    /// An error naming the first feature with a missing value, for learners that need complete data.
    func requireComplete(for learner: String) throws(LearnError) {
        for c in 0..<columnCount {
            let base = c * rows
            for r in 0..<rows where values[base + r].isNaN {
                throw LearnError(
                    "`\(learner)` needs complete features, and `\(names[c])` has missing values",
                    help: "fill them first, for example `impute(\(names[c]))`")
            }
        }
    }
}

extension Target {
    /// The class labels and names; an error for a numeric target.
    func requireClasses(for learner: String) throws(LearnError) -> (labels: [Int32], classes: [String]) {
        guard case .classes(let labels, let classes) = self else {
            throw LearnError("`\(learner)` predicts classes, and the target holds numbers", help: "use `task=\"classification\"` or a regression model")
        }
        for label in labels where label < 0 || Int(label) >= classes.count {
            throw LearnError("the target has missing or unknown classes", help: "drop rows without a target first: `dropna`")
        }
        return (labels, classes)
    }

    /// The target values; an error for classes or missing values.
    func requireValues(for learner: String) throws(LearnError) -> [Double] {
        guard case .values(let values) = self else {
            throw LearnError("`\(learner)` here predicts numbers, and the target holds classes")
        }
        if values.contains(where: { !$0.isFinite }) {
            throw LearnError("the target has missing values", help: "drop rows without a target first: `dropna`")
        }
        return values
    }

    /// An error unless there is one target per feature row and at least one row.
    func requireRows(_ x: FeatureMatrix) throws(LearnError) {
        guard count == x.rows else {
            throw LearnError("\(x.rows) feature rows but \(count) target values")
        }
        guard count > 0 else { throw LearnError("there are no rows to learn from") }
    }
}
