import AssayFrame
import AssayLanguage
import AssayLearn
import AssayRender
import Foundation

// Members of models and boards, and models on disk.

extension Evaluator {
    func modelMember(_ name: String, of value: ModelValue, at span: SourceSpan) throws(Diagnostic) -> Value {
        let m = value.fitted
        switch name {
        case "params":
            var component: [String?] = [], parameter: [String?] = [], text: [String?] = []
            for settings in m.settings {
                for p in settings.parameters {
                    component.append(settings.kind)
                    parameter.append(p.name)
                    text.append(p.value)
                }
            }
            return .dataset(try table([Column("component", strings: component), Column("name", strings: parameter), Column("value", strings: text)], at: span))
        case "metrics":
            var names: [String?] = [], train: [Double] = [], mean: [Double] = [], std: [Double] = []
            for score in m.trainingScores {
                names.append(score.metric.rawValue)
                train.append(score.value)
                let v = m.validation?.score(score.metric)
                mean.append(v?.value ?? .nan)
                std.append(v?.std ?? .nan)
            }
            var columns = [Column("metric", strings: names), Column("train", numbers: train)]
            if m.validation != nil {
                columns += [Column("validation", numbers: mean), Column("validation_std", numbers: std)]
            }
            return .dataset(try table(columns, at: span))
        case "features": return .list(m.featureNames.map(Value.string))
        case "target": return .string(m.target)
        case "kind": return .string(m.kind)
        case "classes": return .list((m.classes ?? []).map(Value.string))
        case "seconds": return .number(m.seconds)
        default: throw Diagnostic(.noSuchMember(name, type: "model"), at: span)
        }
    }

    func boardMember(_ name: String, of value: BoardValue, at span: SourceSpan) throws(Diagnostic) -> Value {
        let board = value.board
        switch name {
        case "best":
            guard let best = board.ranking.first else { throw Diagnostic(.boardEmpty, at: span) }
            return .model(value.model(at: best))
        case "models": return .list(board.ranking.map { .model(value.model(at: $0)) })
        case "leaderboard": return .dataset(try Leaderboard.board(board))
        default: throw Diagnostic(.noSuchMember(name, type: "board"), at: span)
        }
    }

    func explanationMember(_ name: String, of value: ExplanationValue, at span: SourceSpan) throws(Diagnostic) -> Value {
        switch name {
        case "values": return .dataset(try frame(at: span) { () throws(FrameError) in try value.valuesDataset() })
        case "summary": return .dataset(try frame(at: span) { () throws(FrameError) in try value.summaryDataset() })
        case "base": return .number(value.base.first ?? .nan)
        case "features": return .dataset(try frame(at: span) { () throws(FrameError) in try value.featuresDataset() })
        default: throw Diagnostic(.noSuchMember(name, type: "explanation"), at: span)
        }
    }

    func tuningMember(_ name: String, of value: TuningValue, at span: SourceSpan) throws(Diagnostic) -> Value {
        switch name {
        case "best": return .model(try refitBest(value, at: span))
        case "trials": return .dataset(try frame(at: span) { () throws(FrameError) in try value.trialsDataset() })
        case "params": return .dataset(try frame(at: span) { () throws(FrameError) in try value.bestParametersDataset() })
        default: throw Diagnostic(.noSuchMember(name, type: "tuning"), at: span)
        }
    }

    private func table(_ columns: [Column], at span: SourceSpan) throws(Diagnostic) -> Dataset {
        try frame(at: span) { () throws(FrameError) in try Dataset(columns: columns) }
    }

    // MARK: Files

    /// `load model "file.json"`: a model written by `save`.
    func loadModel(_ pathExpression: Expression) throws(Diagnostic) -> Value {
        let path = try string(pathExpression, what: "a file path")
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file(path))) } catch {
            throw Diagnostic(.cannotRead(path: ScalarText.quoted(path), error.localizedDescription), at: pathExpression.span)
        }
        let fitted = try learn(at: pathExpression.span) { () throws(LearnError) in try SavedModel.decode(data) }
        return .model(ModelValue(fitted, dataName: nil))
    }

    /// `save MODEL to "file.json"`.
    /// `path` as the user wrote it names the file in messages; `file` is where it is written.
    static func saveModel(_ model: ModelValue, to path: String, file: String, at span: SourceSpan) throws(Diagnostic) {
        let data: Data
        do { data = try SavedModel.encode(model.fitted) } catch {
            throw Diagnostic(.learning(error.message, help: error.help), at: span)
        }
        do { try data.write(to: URL(fileURLWithPath: file), options: .atomic) } catch {
            throw Diagnostic(.cannotWrite(path: ScalarText.quoted(path), error.localizedDescription), at: span)
        }
    }
}
