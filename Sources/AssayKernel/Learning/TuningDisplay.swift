import AssayFrame
import AssayLearn
import AssayRender
import JupyterKernel

/// How a tuning result shows: what was searched and found, the best parameters, the trials best
/// first, and a convergence chart.
enum TuningDisplay {
    /// Trials shown in the table; `t.trials` has them all.
    static let shownTrials = 15

    static func rendering(_ t: TuningValue, rows: Int) -> Rendering {
        let m = t.metric.rawValue
        var heading = "tune: \(t.search) search, \(t.trials.count) of \(t.planned) trials, \(t.scheme), metric \(m), \(ScalarText.seconds(t.seconds))"
        if let best = t.bestRecord, let mean = best.mean {
            heading += " · best \(m) \(ScalarText.score(mean)) ± \(ScalarText.score(best.std ?? .nan)) (trial \(best.index + 1))"
        }
        var notes: [String] = []
        if t.interrupted { notes.append("interrupted: the trials finished before the interrupt are kept; `best` refits when you ask for it") }
        if t.stoppedEarly { notes.append("stopped early: no better trial in the last trials allowed by `stop after`") }

        var sections: [(String, Table)] = []
        if let params = try? t.bestParametersDataset() {
            sections.append(("best parameters", ModelDisplay.leaderboardTable(params)))
        }
        var columns: [Table.Column] = [.init("trial", alignment: .right)]
        if t.searchesModels { columns.append(.init("model")) }
        columns += t.paths.map { Table.Column($0, alignment: .right) }
        columns += [.init(m, alignment: .right), .init("std", alignment: .right), .init("seconds", alignment: .right)]
        let ranked = t.ranked.prefix(shownTrials)
        let tableRows = ranked.map { trial -> [String] in
            var row = [String(trial.index + 1)]
            if t.searchesModels { row.append(trial.model ?? "") }
            for path in t.paths {
                row.append(trial.parameters.first { $0.path == path }.map { TuningValue.text($0.value, digits: 4) } ?? "")
            }
            row += [trial.mean.map(ScalarText.score) ?? "failed", trial.std.map(ScalarText.score) ?? "", ScalarText.seconds(trial.seconds)]
            return row
        }
        let footer = t.trials.count > shownTrials ? "best \(shownTrials) of \(t.trials.count) trials; `.trials` has them all" : nil
        sections.append(("trials, best first", Table(columns: columns, rows: tableRows, footer: footer)))

        var plain = heading + notes.map { "\n" + $0 }.joined()
        var html = "<div class=\"assay-tuning\"><p><strong>\(HTMLText.escape(heading))</strong></p>" + notes.map { "<p><em>\(HTMLText.escape($0))</em></p>" }.joined()
        for (title, table) in sections {
            plain += "\n\n" + title + "\n" + table.plainText
            html += "<p><em>\(HTMLText.escape(title))</em></p>" + table.html
        }
        return Rendering(plain: plain, html: html + "</div>")
    }

    static func chart(_ t: TuningValue) -> MimeBundle? {
        let scores = t.trials.map { $0.mean ?? .nan }
        guard scores.contains(where: \.isFinite) else { return nil }
        let svg = ConvergenceChart(
            title: "\(t.search) search: \(t.metric.rawValue) per trial", scores: scores, higherIsBetter: t.metric.isHigherBetter,
            metric: t.metric.rawValue).svg
        return MimeBundle(plain: "<convergence chart of \(t.trials.count) trials>").adding("image/svg+xml", svg)
    }
}
