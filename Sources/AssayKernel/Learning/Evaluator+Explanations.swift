import AssayFrame
import AssayLanguage
import AssayLearn
import AssayRender
import Foundation

// `importance` and `shap`: what drives a model, globally and row by row.

extension Evaluator {
    // MARK: importance

    /// A dataset `feature`, `importance` (and `std` for permutation, `coefficient` for a single
    /// linear output), largest first.
    func importance(_ modelExpression: Expression, on dataExpression: Expression?, clauses: [LearningClause], span: SourceSpan)
        throws(Diagnostic) -> Dataset
    {
        let model = try fittedModel(modelExpression, for: "importance")
        var method: String?
        var repeats = 5
        var seed = UInt64(settings.seed)
        for clause in clauses {
            switch clause.keyword.name {
            case "method":
                let methods = ["impurity", "permutation", "coefficients"]
                guard case .name(let word) = clause.value.kind, methods.contains(word) else {
                    throw Diagnostic(.unknownImportanceMethod(wordText(clause.value), among: methods), at: clause.value.span)
                }
                method = word
            case "repeats": repeats = try wholeNumber(clause.value, what: "`repeats`", minimum: 1)
            default: seed = UInt64(try wholeNumber(clause.value, what: "a seed", minimum: 0))
            }
        }
        let table = try dataExpression.map { (e) throws(Diagnostic) in try dataset(e, for: "importance") }
        let chosen = method.flatMap(ImportanceMethod.init(rawValue:)) ?? ImportanceMethod.defaultMethod(for: model.model)
        switch chosen {
        case .impurity:
            guard model.model is FittedTrees else {
                throw Diagnostic(.impurityNeedsTrees(model: model.name, kind: model.kind), at: modelExpression.span)
            }
        case .coefficients:
            guard ImportanceMethod.linearTerms(of: model.model) != nil else {
                throw Diagnostic(.coefficientsNeedLinear(model: model.name, kind: model.kind), at: modelExpression.span)
            }
        case .permutation:
            guard table != nil else { throw Diagnostic(.permutationNeedsData(model: model.name), at: span) }
        }
        // The engine of the rows measures; a model measured without rows is measured here.
        let engine = table.map { engines.engine(for: $0) } ?? engines.local
        let result: FeatureImportance
        do throws(LearnError) {
            result = try engine.importance(
                of: model, method: chosen, on: table, repeats: repeats, seed: seed, threads: settings.parallel)
        } catch {
            // What fails is reading the rows into the model's features; an interrupt stops the statement.
            throw diagnostic(error, at: error == .cancelled ? span : (dataExpression?.span ?? span), components: [])
        }
        return try importanceTable(
            result.featureNames, result.values, std: result.standardDeviation, coefficients: result.coefficients, at: span)
    }

    private func importanceTable(_ names: [String], _ values: [Double], std: [Double]?, coefficients: [Double]?, at span: SourceSpan)
        throws(Diagnostic) -> Dataset
    {
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        var columns = [Column("feature", strings: order.map { names[$0] }), Column("importance", numbers: order.map { values[$0] })]
        if let std { columns.append(Column("std", numbers: order.map { std[$0] })) }
        if let coefficients { columns.append(Column("coefficient", numbers: order.map { coefficients[$0] })) }
        return try frame(at: span) { () throws(FrameError) in try Dataset(columns: columns) }
    }

    private func wordText(_ expression: Expression) -> String {
        if case .name(let word) = expression.kind { return word }
        return "?"
    }

    // MARK: shap

    func shap(_ modelExpression: Expression, on dataExpression: Expression, clauses: [LearningClause], span: SourceSpan)
        throws(Diagnostic) -> ExplanationValue
    {
        let model = try fittedModel(modelExpression, for: "shap")
        // SHAP values are computed in the kernel, on rows collected here.
        var data = try collect(try dataset(dataExpression, for: "shap"), at: dataExpression.span)
        var limit: Int?
        var row: (Int, SourceSpan)?
        var backgroundSize = 50
        var className: (String, SourceSpan)?
        var seed = UInt64(settings.seed)
        for clause in clauses {
            switch clause.keyword.name {
            case "limit": limit = try wholeNumber(clause.value, what: "`limit`", minimum: 1)
            case "row": row = (try wholeNumber(clause.value, what: "`row`", minimum: 0), clause.value.span)
            case "background": backgroundSize = try wholeNumber(clause.value, what: "`background`", minimum: 1)
            case "class": className = (try string(clause.value, what: "a class"), clause.value.span)
            default: seed = UInt64(try wholeNumber(clause.value, what: "a seed", minimum: 0))
            }
        }
        if let (r, at) = row, r >= data.rowCount {
            throw Diagnostic(.rowPastEnd(r, rows: data.rowCount), at: at)
        }
        let full = data
        if let limit, limit < data.rowCount { data = data.slice(0..<limit) }
        if let (r, _) = row, r >= data.rowCount { data = full.slice(r..<(r + 1)) }
        let x = try learn(at: dataExpression.span) { () throws(LearnError) in try model.features(data) }
        // Backgrounds summarize all of DATA, not only the rows explained.
        let all = data.rowCount == full.rowCount ? x : try learn(at: dataExpression.span) { () throws(LearnError) in try model.features(full) }
        let threads = settings.parallel
        let fitted = model.model
        let method: String
        let values: ShapValues
        var space: String
        if let trees = fitted as? FittedTrees {
            method = "TreeSHAP (exact, path-dependent)"
            values = TreeExplainer(trees.ensemble).shap(x, threads: threads)
            space = trees.ensemble.kind == .boost ? (model.classes == nil ? "prediction" : "margin (log-odds)") : (model.classes == nil ? "prediction" : "probability")
        } else if let linear = fitted as? FittedLinearRegression {
            method = "linear SHAP (exact)"
            values = LinearExplainer(linear, background: all).shap(x)
            space = "prediction"
        } else if let logistic = fitted as? FittedLogisticRegression {
            method = "linear SHAP (exact)"
            values = LinearExplainer(logistic, background: all).shap(x)
            space = "margin (log-odds)"
        } else {
            method = "Kernel SHAP (background of \(min(backgroundSize, all.rows)) k-means centers)"
            let outputs = model.classes ?? ["prediction"]
            let background = try learn(at: span) { () throws(LearnError) in
                try Background.kmeans(all, clusters: min(backgroundSize, all.rows), seed: seed)
            }
            let explainer = try learn(at: span) { () throws(LearnError) in
                try KernelExplainer(background: background, outputs: outputs) { matrix in
                    switch fitted.predict(matrix) {
                    case .probabilities(let p, _): p
                    case .values(let v): v
                    }
                }
            }
            try checkCancellation(at: span)
            values = explainer.shap(x, seed: seed, threads: threads)
            space = model.classes == nil ? "prediction" : "probability"
        }
        try checkCancellation(at: span)

        // One output per row: the only one, a chosen class, the positive class, or the predicted class.
        let outputs = values.outputNames
        var choice = [Int](repeating: 0, count: x.rows)
        if let (name, at) = className {
            guard let k = outputs.firstIndex(of: name) else {
                throw Diagnostic(.explainedOutputs(model: model.name, outputs: outputs, asked: name), at: at)
            }
            choice = choice.map { _ in k }
        } else if outputs.count == 2 {
            choice = choice.map { _ in 1 }
        } else if outputs.count > 2, case .probabilities(let p, let classes) = fitted.predict(x) {
            for r in 0..<x.rows {
                var best = 0
                for c in 1..<classes.count where p[r * classes.count + c] > p[r * classes.count + best] { best = c }
                choice[r] = outputs.firstIndex(of: classes[best]) ?? 0
            }
        }
        let features = values.featureCount
        var contributions = [Double](repeating: 0, count: x.rows * features)
        var featureValues = [Double](repeating: 0, count: x.rows * features)
        for r in 0..<x.rows {
            for f in 0..<features {
                contributions[r * features + f] = values[r, f, choice[r]]
                featureValues[r * features + f] = x[r, f]
            }
        }
        if model.classes != nil, outputs.count >= 1, className != nil || outputs.count <= 2 {
            space += " of \"\(outputs[choice.first ?? 0])\""
        } else if outputs.count > 2 {
            space += " of each row's predicted class"
        }
        let classes: [String]? = model.classes == nil ? nil : choice.map { outputs[$0] }
        let selected: Int? = row.map { r in r.0 < (limit ?? Int.max) ? r.0 : 0 }
        return ExplanationValue(
            modelName: model.name, method: method, space: space, featureNames: values.featureNames, rows: x.rows,
            contributions: contributions, featureValues: featureValues, base: (0..<x.rows).map { values.base[choice[$0]] },
            output: (0..<x.rows).map { values.output(row: $0, output: choice[$0]) }, classes: classes, selectedRow: selected)
    }

    // MARK: export

    /// `export MODEL to "trees.json" as shap`.
    static func exportShap(_ model: ModelValue, to path: String, file: String, at span: SourceSpan) throws(Diagnostic) {
        guard let trees = model.fitted.model as? FittedTrees else {
            throw Diagnostic(.shapExportNeedsTrees(model: model.fitted.name, kind: model.fitted.kind), at: span)
        }
        do { try Data(trees.ensemble.shapJSON().utf8).write(to: URL(fileURLWithPath: file), options: .atomic) } catch {
            throw Diagnostic(.cannotWrite(path: ScalarText.quoted(path), error.localizedDescription), at: span)
        }
    }

    private func fittedModel(_ expression: Expression, for command: String) throws(Diagnostic) -> FittedPipeline {
        let value = try evaluate(expression)
        switch value {
        case .model(let model): return model.fitted
        case .board(let board):
            guard let best = board.board.best else { throw Diagnostic(.boardEmpty, at: expression.span) }
            return best
        default:
            throw Diagnostic(.needsModel(command, found: value.typeName), at: expression.span)
        }
    }
}
