import AssayFrame
import AssayLearn

/// SHAP values of a model on some rows, for one output per row (the positive class, the
/// predicted class, or the class the user chose), with the base value each row starts from.
final class ExplanationValue: Sendable {
    let modelName: String
    /// How the values were computed: `TreeSHAP (exact, path-dependent)`, ...
    let method: String
    /// What the output is: `log-odds of "malignant"`, `probability`, `prediction`.
    let space: String
    let featureNames: [String]
    let rows: Int
    /// `contributions[row * features + feature]`.
    let contributions: [Double]
    /// The feature values the model saw, same layout.
    let featureValues: [Double]
    let base: [Double]
    let output: [Double]
    /// The explained class of each row, nil for regression and single-output models.
    let classes: [String]?
    /// The row `row I` picked, if any.
    let selectedRow: Int?

    init(
        modelName: String, method: String, space: String, featureNames: [String], rows: Int, contributions: [Double],
        featureValues: [Double], base: [Double], output: [Double], classes: [String]?, selectedRow: Int?
    ) {
        self.modelName = modelName
        self.method = method
        self.space = space
        self.featureNames = featureNames
        self.rows = rows
        self.contributions = contributions
        self.featureValues = featureValues
        self.base = base
        self.output = output
        self.classes = classes
        self.selectedRow = selectedRow
    }

    var featureCount: Int { featureNames.count }

    /// The output space of one row: its own class rather than "each row's predicted class".
    func space(ofRow row: Int) -> String {
        guard let classes, row < classes.count else { return space }
        return space.replacingOccurrences(of: "of each row's predicted class", with: "of \"\(classes[row])\"")
    }

    /// Mean |SHAP| per feature, in feature order.
    var meanAbsolute: [Double] {
        var sums = [Double](repeating: 0, count: featureCount)
        for r in 0..<rows {
            for f in 0..<featureCount { sums[f] += abs(contributions[r * featureCount + f]) }
        }
        return sums.map { rows > 0 ? $0 / Double(rows) : 0 }
    }

    /// Features by mean |SHAP|, largest first.
    var ranking: [Int] {
        let m = meanAbsolute
        return m.indices.sorted { m[$0] != m[$1] ? m[$0] > m[$1] : $0 < $1 }
    }

    /// One column per feature, then `base` and `output` (and `class` when classes are explained).
    func valuesDataset() throws(FrameError) -> Dataset {
        var columns: [Column] = featureNames.enumerated().map { f, name in
            Column(name, numbers: (0..<rows).map { contributions[$0 * featureCount + f] })
        }
        columns.append(Column("base", numbers: base))
        columns.append(Column("output", numbers: output))
        if let classes { columns.append(Column("class", strings: classes)) }
        return try Dataset(columns: Self.unique(columns))
    }

    /// The feature values the model saw, one column per feature.
    func featuresDataset() throws(FrameError) -> Dataset {
        try Dataset(columns: featureNames.enumerated().map { f, name in
            Column(name, numbers: (0..<rows).map { featureValues[$0 * featureCount + f] })
        })
    }

    /// `feature`, `mean_abs_shap`, largest first.
    func summaryDataset() throws(FrameError) -> Dataset {
        let m = meanAbsolute
        let order = ranking
        return try Dataset(columns: [
            Column("feature", strings: order.map { featureNames[$0] }), Column("mean_abs_shap", numbers: order.map { m[$0] }),
        ])
    }

    /// One row's contributions, largest |value| first: `feature`, `value`, `shap`.
    func rowDataset(_ row: Int) throws(FrameError) -> Dataset {
        let order = (0..<featureCount).sorted {
            abs(contributions[row * featureCount + $0]) > abs(contributions[row * featureCount + $1])
        }
        return try Dataset(columns: [
            Column("feature", strings: order.map { featureNames[$0] }),
            Column("value", numbers: order.map { featureValues[row * featureCount + $0] }),
            Column("shap", numbers: order.map { contributions[row * featureCount + $0] }),
        ])
    }

    /// Feature names that clash with `base`, `output` or `class` get a trailing underscore.
    private static func unique(_ columns: [Column]) -> [Column] {
        var seen = Set<String>()
        return columns.map { column in
            var name = column.name
            while seen.contains(name) { name += "_" }
            seen.insert(name)
            return column.renamed(name)
        }
    }
}
