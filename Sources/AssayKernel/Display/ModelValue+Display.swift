import AssayFrame
import AssayLearn
import AssayRender

/// A model shows a heading, then tables of its fitted stages, hyperparameters and metrics.
extension ModelValue: Displayable {
    func rendering(rows: Int) -> Rendering {
        let m = fitted
        var sections: [(title: String, table: Table)] = []

        if !m.stages.isEmpty {
            var rows: [[String]] = []
            for (index, stage) in m.stages.enumerated() {
                let name = index < m.settings.count ? m.settings[index].kind : "stage"
                let summary = stage.summary
                if summary.isEmpty { rows.append([name, "", ""]) }
                for (position, item) in summary.prefix(12).enumerated() {
                    rows.append([position == 0 ? name : "", item.0, item.1])
                }
                if summary.count > 12 { rows.append(["", "… \(summary.count - 12) more", ""]) }
            }
            sections.append(("stages", Table(columns: [.init("stage"), .init("column"), .init("fitted")], rows: rows)))
        }

        var parameterRows: [[String]] = []
        for settings in m.settings {
            for (position, parameter) in settings.parameters.enumerated() {
                parameterRows.append([position == 0 ? settings.kind : "", parameter.name, parameter.value])
            }
            if settings.parameters.isEmpty { parameterRows.append([settings.kind, "", ""]) }
        }
        sections.append(("hyperparameters", Table(columns: [.init("component"), .init("name"), .init("value")], rows: parameterRows)))

        var metricColumns: [Table.Column] = [.init("metric"), .init("train", alignment: .right)]
        if let validation = m.validation {
            metricColumns += [.init(validation.scheme.description, alignment: .right), .init("std", alignment: .right)]
        }
        let metricRows = m.trainingScores.map { score -> [String] in
            var row = [score.metric.rawValue, ScalarText.score(score.value)]
            if let v = m.validation?.score(score.metric) {
                row += [ScalarText.score(v.value), ScalarText.score(v.std ?? .nan)]
            }
            return row
        }
        sections.append(("metrics", Table(columns: metricColumns, rows: metricRows)))

        return Report(heading, sections: sections).rendering
    }

    private var heading: String {
        let m = fitted
        let task = m.classes.map { "\($0.count) classes" } ?? "regression"
        let source = dataName.map { "`\($0)`, " } ?? ""
        return "model \(m.name): target `\(m.target)` (\(task)), trained on \(source)\(m.trainingRows) rows, \(m.featureNames.count) features, in \(ScalarText.seconds(m.seconds))"
    }
}

/// A board shows its leaderboard, with a warning when it ranks by training scores.
extension BoardValue: Displayable {
    func rendering(rows: Int) -> Rendering {
        let basis = board.ranksByValidation ? "validation \(board.models.first?.validation?.scheme.description ?? "")" : "training data"
        let heading = "board of \(board.models.count) models, ranked by \(board.metric.rawValue) on \(basis)"
        guard let data = try? Leaderboard.board(board) else { return Rendering(plain: heading) }
        let footnote = board.ranksByValidation
            ? nil : "training scores flatter models that memorize; use `cv 5` or `evaluate BOARD on TEST`"
        return Report(heading, sections: [("leaderboard", Table(scores: data))], footnote: footnote).rendering
    }
}

extension Table {
    /// A table of scores (a leaderboard, best parameters) with scores at four decimals, ranks
    /// as integers and times in seconds.
    init(scores data: Dataset) {
        let columns = data.columns.map { column -> Table.Column in
            Table.Column(column.name, alignment: column.type == .number ? .right : .left)
        }
        let rows = (0..<data.rowCount).map { row in
            data.columns.map { column -> String in
                switch column[row] {
                case .number(let x) where column.name == "rank": String(Int(x))
                case .number(let x) where column.name == "seconds": ScalarText.seconds(x)
                case .number(let x): ScalarText.score(x)
                case let cell: DatasetTable.text(cell)
                }
            }
        }
        self.init(columns: columns, rows: rows)
    }
}
