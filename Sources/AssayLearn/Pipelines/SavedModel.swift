import AssayFrame
import Foundation

/// The JSON file `save MODEL to "f.json"` writes and `load model` reads: a format tag and
/// version, what the model was trained on, and every fitted stage and the fitted model.
public enum SavedModel {
    public static let format = "assay-model"
    public static let version = 1

    struct File: Codable {
        var format: String
        var version: Int
        var name: String
        var target: String
        var task: LearningTask
        var classes: [String]?
        var targetType: String
        var inputColumns: [String]
        var stages: [StoredStage]
        var model: StoredModel
        var settings: [ComponentSettings]
        var trainingRows: Int
        var seconds: Double
        var trainingScores: [MetricScore]
        var validation: ValidationSummary?
        var seed: UInt64
    }

    public static func encode(_ m: FittedPipeline) throws(LearnError) -> Data {
        let file = File(
            format: format, version: version, name: m.name, target: m.target, task: m.task, classes: m.classes,
            targetType: m.targetType.rawValue, inputColumns: m.inputColumns, stages: m.stages.map(StoredStage.init),
            model: StoredModel(m.model), settings: m.settings, trainingRows: m.trainingRows, seconds: m.seconds,
            trainingScores: m.trainingScores, validation: m.validation, seed: m.seed)
        return try ModelCoding.encode(file)
    }

    public static func decode(_ data: Data) throws(LearnError) -> FittedPipeline {
        struct Header: Decodable {
            var format: String?
            var version: Int?
        }
        let header = try ModelCoding.decode(Header.self, from: data)
        guard header.format == format else {
            throw LearnError("this file is not a saved Assay model", help: "write one with `save MODEL to \"model.json\"`")
        }
        guard let fileVersion = header.version, fileVersion <= version else {
            throw LearnError("this model was saved by a newer Assay (format version \(header.version ?? 0))", help: "upgrade Assay to load it")
        }
        let file = try ModelCoding.decode(File.self, from: data)
        guard let targetType = ColumnType(rawValue: file.targetType) else {
            throw LearnError("the saved model has an unknown target type `\(file.targetType)`")
        }
        return FittedPipeline(
            name: file.name, target: file.target, task: file.task, classes: file.classes, targetType: targetType,
            inputColumns: file.inputColumns, stages: file.stages.map(\.stage), model: file.model.model, settings: file.settings,
            trainingRows: file.trainingRows, seconds: file.seconds, trainingScores: file.trainingScores, validation: file.validation,
            seed: file.seed)
    }
}
