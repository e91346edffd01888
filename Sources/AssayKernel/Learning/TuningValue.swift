import AssayFrame
import AssayLearn
import Foundation
import Synchronization

/// The result of `tune`: every trial with its parameters and validation score, the best one,
/// and the best pipeline refitted on all the data (refitted on demand after an interrupt).
final class TuningValue: Sendable {
    struct TrialRecord: Sendable {
        var index: Int
        /// Display path → value, for the active parameters.
        var parameters: [(path: String, value: ParameterValue)]
        /// The chosen model's label, when models are searched.
        var model: String?
        var mean: Double?
        var std: Double?
        var seconds: Double
        var error: String?
    }

    let search: String
    let metric: Metric
    let scheme: ValidationScheme
    /// Searched paths in space order (without the model choice itself).
    let paths: [String]
    let searchesModels: Bool
    let trials: [TrialRecord]
    let bestTrial: Int?
    let planned: Int
    let interrupted: Bool
    let stoppedEarly: Bool
    let seconds: Double
    /// What `best` refits: the best trial's pipeline on all the data.
    let bestPipeline: PipelineValue?
    let data: TableRef
    let dataName: String?
    let target: String
    let seed: UInt64
    private let refitted: Mutex<ModelValue?>

    init(
        search: String, metric: Metric, scheme: ValidationScheme, paths: [String], searchesModels: Bool, trials: [TrialRecord],
        bestTrial: Int?, planned: Int, interrupted: Bool, stoppedEarly: Bool, seconds: Double, bestPipeline: PipelineValue?,
        data: TableRef, dataName: String?, target: String, seed: UInt64, best: ModelValue?
    ) {
        self.search = search
        self.metric = metric
        self.scheme = scheme
        self.paths = paths
        self.searchesModels = searchesModels
        self.trials = trials
        self.bestTrial = bestTrial
        self.planned = planned
        self.interrupted = interrupted
        self.stoppedEarly = stoppedEarly
        self.seconds = seconds
        self.bestPipeline = bestPipeline
        self.data = data
        self.dataName = dataName
        self.target = target
        self.seed = seed
        self.refitted = Mutex(best)
    }

    var best: ModelValue? { refitted.withLock { $0 } }

    func remember(_ model: ModelValue) { refitted.withLock { $0 = model } }

    var bestRecord: TrialRecord? { bestTrial.flatMap { i in trials.first { $0.index == i } } }

    /// Trials best first: by score, failed trials last, ties in trial order.
    var ranked: [TrialRecord] {
        let higher = metric.isHigherBetter
        return trials.sorted { a, b in
            switch (a.mean, b.mean) {
            case (let x?, let y?) where x != y: return higher ? x > y : x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.index < b.index
            }
        }
    }

    /// `trial`, `model` (when searched), one column per hyperparameter path, the metric and its
    /// std, `seconds`; trials in trial order, numbered from 1.
    func trialsDataset() throws(FrameError) -> Dataset {
        var columns = [Column("trial", numbers: trials.map { Double($0.index + 1) })]
        if searchesModels { columns.append(Column("model", strings: trials.map(\.model))) }
        for path in paths {
            let values = trials.map { trial in trial.parameters.first { $0.path == path }?.value }
            if values.allSatisfy({ $0 == nil || $0?.number != nil }) {
                columns.append(Column(path, numbers: values.map { $0?.number ?? .nan }))
            } else {
                columns.append(Column(path, strings: values.map { $0.map { Self.text($0) } }))
            }
        }
        columns.append(Column(metric.rawValue, numbers: trials.map { $0.mean ?? .nan }))
        columns.append(Column(metric.rawValue + "_std", numbers: trials.map { $0.std ?? .nan }))
        columns.append(Column("seconds", numbers: trials.map(\.seconds)))
        if trials.contains(where: { $0.error != nil }) { columns.append(Column("error", strings: trials.map(\.error))) }
        return try Dataset(columns: columns)
    }

    /// The best trial's parameters: `parameter`, `value`.
    func bestParametersDataset() throws(FrameError) -> Dataset {
        let record = bestRecord
        var names: [String?] = []
        var values: [String?] = []
        if let model = record?.model {
            names.append("model")
            values.append(model)
        }
        for (path, value) in record?.parameters ?? [] {
            names.append(path)
            values.append(Self.text(value))
        }
        return try Dataset(columns: [Column("parameter", strings: names), Column("value", strings: values)])
    }

    /// A value as tables show it: whole numbers plainly, reals to `digits` significant digits.
    static func text(_ value: ParameterValue, digits: Int = 6) -> String {
        switch value {
        case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.\(digits)g", x)
        default: value.description
        }
    }
}
