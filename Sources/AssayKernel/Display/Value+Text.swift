import AssayFrame
import AssayRender

extension Value {
    /// The value as a result shows it: strings quoted, lists in brackets.
    var resultText: String {
        switch self {
        case .number(let number): ScalarText.number(number)
        case .string(let string): ScalarText.quoted(string)
        case .bool(let bool): ScalarText.bool(bool)
        case .list(let elements): "[" + elements.map(\.resultText).joined(separator: ", ") + "]"
        case .null: ScalarText.null
        case .dataset(let dataset): "<dataset: \(dataset.caption)>"
        case .importance(let importance): Value.dataset(importance.table).resultText
        case .pipeline(let pipeline): pipeline.text
        case .space(let call): call.text
        case .model(let model): "<model \(model.fitted.name): target `\(model.fitted.target)`>"
        case .board(let board): "<board: \(board.board.models.map(\.name).joined(separator: ", "))>"
        case .explanation(let e): "<explanation of \(e.modelName): \(e.rows) rows, \(e.featureCount) features>"
        case .tuning(let t): "<tuning: \(t.trials.count) \(t.search) trials, best \(t.metric.rawValue) \(ScalarText.score(t.bestRecord?.mean ?? .nan))>"
        case .run(let run): "<run \(run.run.id): \(run.run.name), \(run.run.status.rawValue)>"
        }
    }

    /// The value as `print` writes it: strings as they are.
    var printText: String {
        if case .string(let string) = self { return string }
        return resultText
    }

    /// One line for `vars` and inspection.
    var summary: String {
        if let dataset = asTable {
            let names = dataset.columnNames.joined(separator: ", ")
            return ScalarText.truncated(dataset.caption + ": " + names, to: 60)
        }
        let text = ScalarText.truncated(resultText, to: 60)
        if case .list(let elements) = self {
            return "\(elements.count) item\(elements.count == 1 ? "" : "s"): \(text)"
        }
        return text
    }
}
