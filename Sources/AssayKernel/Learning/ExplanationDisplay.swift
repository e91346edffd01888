import AssayFrame
import AssayRender
import JupyterKernel

/// How explanations and importances show: a table, and a chart as its own SVG display.
enum ExplanationDisplay {
    static func rendering(_ e: ExplanationValue, rows: Int) -> Rendering {
        let heading: String
        let data: Dataset?
        if let row = e.selectedRow {
            heading = "SHAP values of \(e.modelName), row \(row): base \(ScalarText.score(e.base[row])) + contributions = output \(ScalarText.score(e.output[row])) · \(e.space(ofRow: row)) · \(e.method)"
            data = try? e.rowDataset(row)
        } else {
            heading = "SHAP values of \(e.modelName) on \(e.rows) rows · \(e.space) · \(e.method) · base \(ScalarText.score(e.base.first ?? .nan))"
            data = try? e.summaryDataset()
        }
        guard let data else { return Rendering(plain: heading) }
        let table = DatasetTable(data, maxRows: max(rows, 20)).rendering
        return Rendering(
            plain: heading + "\n\n" + table.plain,
            html: "<p><strong>\(HTMLText.escape(heading))</strong></p>" + (table.html ?? ""))
    }

    /// The chart that goes with a value, if any: a beeswarm, or a waterfall for one row.
    static func chart(_ value: Value) -> MimeBundle? {
        if case .tuning(let t) = value { return TuningDisplay.chart(t) }
        guard case .explanation(let e) = value else { return nil }
        if let row = e.selectedRow {
            let f = e.featureCount
            let order = (0..<f).sorted { abs(e.contributions[row * f + $0]) > abs(e.contributions[row * f + $1]) }
            let items = order.map { i in
                ("\(e.featureNames[i]) = \(ScalarText.number((e.featureValues[row * f + i] * 1e4).rounded() / 1e4))", e.contributions[row * f + i])
            }
            let svg = Waterfall(title: "\(e.modelName), row \(row) (\(e.space(ofRow: row)))", base: e.base[row], contributions: items, output: e.output[row]).svg
            return MimeBundle(plain: "<waterfall chart of row \(row)>").adding("image/svg+xml", svg)
        }
        let order = Array(e.ranking.prefix(Beeswarm.maximumFeatures))
        let f = e.featureCount
        let svg = Beeswarm(
            title: "\(e.modelName): SHAP values (\(e.space))", features: order.map { e.featureNames[$0] },
            shap: order.map { i in (0..<e.rows).map { e.contributions[$0 * f + i] } },
            values: order.map { i in (0..<e.rows).map { e.featureValues[$0 * f + i] } }).svg
        return MimeBundle(plain: "<beeswarm chart of \(e.rows) rows>").adding("image/svg+xml", svg)
    }

    /// A bar chart of an importance table (`feature`, `importance`, optional `std`).
    static func importanceChart(_ data: Dataset, title: String) -> MimeBundle? {
        guard let features = data.column("feature"), case .number(let values)? = data.column("importance")?.values else { return nil }
        let labels = (0..<features.count).map { DatasetTable.text(features[$0]) }
        var errors: [Double]?
        if case .number(let std)? = data.column("std")?.values { errors = std }
        let svg = BarChart(title: title, labels: labels, values: values, errors: errors, axisTitle: "importance").svg
        return MimeBundle(plain: "<bar chart of \(labels.count) importances>").adding("image/svg+xml", svg)
    }
}
