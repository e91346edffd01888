import AssayFrame

/// A fitted pipeline: the fitted stages and model, what it was trained on, and how well it did.
public struct FittedPipeline: Sendable {
    public var name: String
    public var target: String
    public var task: LearningTask
    /// The target's classes in label order; nil for regression.
    public var classes: [String]?
    /// The type of the target column, so predictions come back in the same type.
    public var targetType: ColumnType
    /// The dataset columns the pipeline reads (every training column but the target).
    public var inputColumns: [String]
    public var stages: [any FittedStage]
    public var model: any FittedModel
    /// One entry per stage, then the model's.
    public var settings: [ComponentSettings]
    public var trainingRows: Int
    /// Wall-clock seconds of the final fit (validation folds not included).
    public var seconds: Double
    /// Metrics on the training data itself.
    public var trainingScores: [MetricScore]
    public var validation: ValidationSummary?
    public var seed: UInt64

    public init(
        name: String, target: String, task: LearningTask, classes: [String]?, targetType: ColumnType, inputColumns: [String],
        stages: [any FittedStage], model: any FittedModel, settings: [ComponentSettings], trainingRows: Int, seconds: Double,
        trainingScores: [MetricScore], validation: ValidationSummary?, seed: UInt64
    ) {
        self.name = name
        self.target = target
        self.task = task
        self.classes = classes
        self.targetType = targetType
        self.inputColumns = inputColumns
        self.stages = stages
        self.model = model
        self.settings = settings
        self.trainingRows = trainingRows
        self.seconds = seconds
        self.trainingScores = trainingScores
        self.validation = validation
        self.seed = seed
    }

    /// The model's kind: `logistic`, `forest`, ...
    public var kind: String { model.kind }

    /// The features the model sees, named as the stages produced them.
    public var featureNames: [String] { model.featureNames }

    /// The default metric: `auc` for two classes, `f1` for more, `rmse` for regression.
    public var defaultMetric: Metric {
        guard let classes else { return .rmse }
        return classes.count <= 2 ? .auc : .f1
    }

    /// The feature matrix the model sees for `data`: the input columns through every stage.
    public func features(_ data: Dataset) throws(LearnError) -> FeatureMatrix {
        var columns: [Column] = []
        for name in inputColumns {
            guard let column = data.column(name) else {
                let suggestion = StageColumns.closest(to: name, in: data.columnNames)
                throw LearnError(
                    "the data has no column `\(name)`, and the model was trained with it",
                    help: suggestion.map { "did you mean `\($0)`? rename it to `\(name)`" } ?? "the model reads " + inputColumns.map { "`\($0)`" }.joined(separator: ", "))
            }
            columns.append(column)
        }
        var current = try StageColumns.dataset(columns, stage: "predict")
        for (index, stage) in stages.enumerated() {
            do throws(LearnError) {
                current = try stage.transform(current)
            } catch {
                throw error.at(component: index)
            }
        }
        do throws(LearnError) {
            return try FeatureMatrix(current)
        } catch {
            throw error.at(component: stages.count)
        }
    }

    public func predict(_ data: Dataset) throws(LearnError) -> Prediction {
        model.predict(try features(data))
    }

    /// `data` with a `prediction` column (in the target's type) and, for classes, one `p_<class>`
    /// column per class; columns of those names are replaced.
    public func predictionDataset(_ data: Dataset) throws(LearnError) -> Dataset {
        let prediction = try predict(data)
        var added: [Column] = []
        switch prediction {
        case .values(let values):
            added.append(Column("prediction", numbers: values))
        case .probabilities(let p, let classes):
            let k = classes.count
            let rows = k == 0 ? 0 : p.count / k
            var best = [Int](repeating: 0, count: rows)
            for r in 0..<rows {
                for c in 1..<max(k, 1) where p[r * k + c] > p[r * k + best[r]] { best[r] = c }
            }
            switch targetType {
            case .number:
                added.append(Column("prediction", numbers: best.map { Double(classes[$0]) ?? .nan }))
            case .bool:
                added.append(Column("prediction", bools: best.map { classes[$0] == "true" }))
            case .string:
                added.append(Column("prediction", .string(StringColumn(dictionary: classes, codes: best.map { Int32($0) }))))
            }
            for (c, name) in classes.enumerated() {
                added.append(Column("p_\(name)", numbers: (0..<rows).map { p[$0 * k + c] }))
            }
        }
        let names = Set(added.map(\.name))
        return try StageColumns.dataset(data.columns.filter { !names.contains($0.name) } + added, stage: "predict")
    }

    /// The target of `data`, read with this model's classes.
    public func target(of data: Dataset) throws(LearnError) -> Target {
        try TargetColumn.read(data, column: target, classes: classes)
    }

    /// Scores on `data`, which must hold the target column; nil metrics means the reported ones.
    public func evaluate(_ data: Dataset, metrics: [Metric]? = nil) throws(LearnError) -> [MetricScore] {
        let truth = try target(of: data)
        let prediction = try predict(data)
        return try Self.scores(metrics ?? Metric.reported(for: truth), truth, prediction)
    }

    static func scores(_ metrics: [Metric], _ truth: Target, _ prediction: Prediction) throws(LearnError) -> [MetricScore] {
        var out: [MetricScore] = []
        for metric in metrics {
            out.append(MetricScore(metric: metric, value: try Metric.compute(metric, target: truth, prediction: prediction)))
        }
        return out
    }
}
