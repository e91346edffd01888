import AssayFrame
import AssayLearn
import AssayRender
import JupyterKernel

/// A tuning shows what was searched and found, the best parameters, the trials best first, and
/// a convergence chart.
extension TuningValue: Displayable {
    /// Trials shown in the table; `trials` has them all.
    static let shownTrials = 15

    func rendering(rows: Int) -> Rendering {
        let m = metric.rawValue
        var heading = "tune: \(search) search, \(trials.count) of \(planned) trials, \(scheme), metric \(m), \(ScalarText.seconds(seconds))"
        if let best = bestRecord, let mean = best.mean {
            heading += " · best \(m) \(ScalarText.score(mean)) ± \(ScalarText.score(best.std ?? .nan)) (trial \(best.index + 1))"
        }
        var notes: [String] = []
        if interrupted { notes.append("interrupted: the trials finished before the interrupt are kept; `best` refits when you ask for it") }
        if stoppedEarly { notes.append("stopped early: no better trial in the last trials allowed by `stop after`") }

        var sections: [(title: String, table: Table)] = []
        if let params = try? bestParametersDataset() {
            sections.append(("best parameters", Table(scores: params)))
        }
        let shownTrials = Self.shownTrials
        var columns: [Table.Column] = [.init("trial", alignment: .right)]
        if searchesModels { columns.append(.init("model")) }
        columns += paths.map { Table.Column($0, alignment: .right) }
        columns += [.init(m, alignment: .right), .init("std", alignment: .right), .init("seconds", alignment: .right)]
        let tableRows = ranked.prefix(shownTrials).map { trial -> [String] in
            var row = [String(trial.index + 1)]
            if searchesModels { row.append(trial.model ?? "") }
            for path in paths {
                row.append(trial.parameters.first { $0.path == path }.map { TuningValue.text($0.value, digits: 4) } ?? "")
            }
            row += [trial.mean.map(ScalarText.score) ?? "failed", trial.std.map(ScalarText.score) ?? "", ScalarText.seconds(trial.seconds)]
            return row
        }
        let footer = trials.count > shownTrials ? "best \(shownTrials) of \(trials.count) trials; `.trials` has them all" : nil
        sections.append(("trials, best first", Table(columns: columns, rows: tableRows, footer: footer)))
        return Report(heading, notes: notes, sections: sections, htmlClass: "assay-tuning").rendering
    }

    var charts: [MimeBundle] {
        let scores = trials.map { $0.mean ?? .nan }
        guard scores.contains(where: \.isFinite) else { return [] }
        let svg = ConvergenceChart(
            title: "\(search) search: \(metric.rawValue) per trial", scores: scores, higherIsBetter: metric.isHigherBetter,
            metric: metric.rawValue).svg
        return [MimeBundle(plain: "<convergence chart of \(trials.count) trials>").adding("image/svg+xml", svg)]
    }
}
