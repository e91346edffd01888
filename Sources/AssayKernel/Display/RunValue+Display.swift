import AssayRender
import AssayTracking

/// A run shows a heading, then its params, metrics over steps, tags, children and code.
extension RunValue: Displayable {
    func rendering(rows: Int) -> Rendering {
        var heading = "run \(run.id): \(run.name) · \(run.status.rawValue)"
        if let model = run.model { heading += " · model \(model)" }
        heading += " · started \(RunTable.time(run.startTime))"
        if let duration = run.duration { heading += " · \(ScalarText.seconds(duration))" }
        if let parent = run.parentID { heading += " · parent \(parent)" }

        var sections: [(title: String, table: Table)] = []
        if !run.params.isEmpty {
            let rows = run.params.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }
            sections.append(("params", Table(columns: [.init("name"), .init("value")], rows: rows)))
        }
        let summaries = metricSummaries
        if !summaries.isEmpty {
            let rows = summaries.map { s in
                [s.key, ScalarText.score(s.best), ScalarText.score(s.min), ScalarText.score(s.max), ScalarText.score(s.last), String(s.steps)]
            }
            let columns: [Table.Column] = [
                .init("metric"), .init("best", alignment: .right), .init("min", alignment: .right), .init("max", alignment: .right),
                .init("last", alignment: .right), .init("values", alignment: .right),
            ]
            sections.append(("metrics", Table(columns: columns, rows: rows)))
        }
        let tags = run.tags.filter { !RunTable.isInternal($0.key) }.sorted { $0.key < $1.key }
        if !tags.isEmpty {
            sections.append(("tags", Table(columns: [.init("name"), .init("value")], rows: tags.map { [$0.key, ScalarText.truncated($0.value, to: 100)] })))
        }
        if !children.isEmpty {
            let shown = children.prefix(rows).map { child in
                [child.id, child.name, child.status.rawValue, child.model ?? "", child.duration.map(ScalarText.seconds) ?? ""]
            }
            let footer = children.count > rows ? "\(children.count) child runs, \(rows) shown" : nil
            let columns: [Table.Column] = [.init("id"), .init("name"), .init("status"), .init("model"), .init("duration", alignment: .right)]
            sections.append(("children", Table(columns: columns, rows: Array(shown), footer: footer)))
        }
        if let code = run.code, !code.isEmpty {
            sections.append(("code", Table(columns: [.init("cell")], rows: code.split(separator: "\n", omittingEmptySubsequences: false).map { [String($0)] })))
        }
        return Report(heading, sections: sections).rendering
    }
}
