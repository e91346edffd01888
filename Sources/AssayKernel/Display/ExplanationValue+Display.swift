import AssayFrame
import AssayRender
import JupyterKernel

/// An explanation shows its SHAP values as a table, then a waterfall chart for one row or a
/// beeswarm chart for many.
extension ExplanationValue: Displayable {
    func rendering(rows: Int) -> Rendering {
        let heading: String
        let data: Dataset?
        if let row = selectedRow {
            heading = "SHAP values of \(modelName), row \(row): base \(ScalarText.score(base[row])) + contributions = output \(ScalarText.score(output[row])) · \(space(ofRow: row)) · \(method)"
            data = try? rowDataset(row)
        } else {
            heading = "SHAP values of \(modelName) on \(self.rows) rows · \(space) · \(method) · base \(ScalarText.score(base.first ?? .nan))"
            data = try? summaryDataset()
        }
        guard let data else { return Rendering(plain: heading) }
        let table = DatasetTable(data, maxRows: max(rows, 20)).rendering
        return Rendering(
            plain: heading + "\n\n" + table.plain,
            html: "<p><strong>\(HTMLText.escape(heading))</strong></p>" + (table.html ?? ""))
    }

    var charts: [MimeBundle] {
        let f = featureCount
        if let row = selectedRow {
            let order = (0..<f).sorted { abs(contributions[row * f + $0]) > abs(contributions[row * f + $1]) }
            let items = order.map { i in
                ("\(featureNames[i]) = \(ScalarText.number((featureValues[row * f + i] * 1e4).rounded() / 1e4))", contributions[row * f + i])
            }
            let svg = Waterfall(title: "\(modelName), row \(row) (\(space(ofRow: row)))", base: base[row], contributions: items, output: output[row]).svg
            return [MimeBundle(plain: "<waterfall chart of row \(row)>").adding("image/svg+xml", svg)]
        }
        let order = Array(ranking.prefix(Beeswarm.maximumFeatures))
        let svg = Beeswarm(
            title: "\(modelName): SHAP values (\(space))", features: order.map { featureNames[$0] },
            shap: order.map { i in (0..<rows).map { contributions[$0 * f + i] } },
            values: order.map { i in (0..<rows).map { featureValues[$0 * f + i] } }).svg
        return [MimeBundle(plain: "<beeswarm chart of \(rows) rows>").adding("image/svg+xml", svg)]
    }
}
