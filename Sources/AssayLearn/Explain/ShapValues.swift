/// Per-row, per-feature SHAP values of a model's outputs, with the base value they start from:
/// for every row and output, `base[output]` plus the row's values is the model's raw output.
public struct ShapValues: Sendable, Hashable {
    public var featureNames: [String]
    /// What each output explains: `prediction` for regression, the positive class for a binary
    /// margin, every class for multiclass models.
    public var outputNames: [String]
    public var rows: Int
    /// `values[(row * features + feature) * outputs + output]`, the order of shap's
    /// (rows, features, outputs) arrays.
    public var values: [Double]
    /// The expected output over the background (or the training data's covers for trees).
    public var base: [Double]

    public init(featureNames: [String], outputNames: [String], rows: Int, values: [Double], base: [Double]) {
        self.featureNames = featureNames
        self.outputNames = outputNames
        self.rows = rows
        self.values = values
        self.base = base
    }

    public var featureCount: Int { featureNames.count }
    public var outputCount: Int { outputNames.count }

    public subscript(row: Int, feature: Int, output: Int) -> Double {
        values[(row * featureCount + feature) * outputCount + output]
    }

    /// The raw output the values explain: the base plus the row's contributions.
    public func output(row: Int, output k: Int = 0) -> Double {
        var sum = base[k]
        for f in 0..<featureCount { sum += self[row, f, k] }
        return sum
    }

    /// The global summary: mean |SHAP| per feature over the rows, for one output.
    public func meanAbsolute(output k: Int = 0) -> [Double] {
        var out = [Double](repeating: 0, count: featureCount)
        guard rows > 0 else { return out }
        for r in 0..<rows {
            for f in 0..<featureCount { out[f] += abs(self[r, f, k]) }
        }
        return out.map { $0 / Double(rows) }
    }
}
