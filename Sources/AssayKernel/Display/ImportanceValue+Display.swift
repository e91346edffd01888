import AssayFrame
import AssayRender
import JupyterKernel

/// An importance table shows as a dataset, then a bar chart of the importances (with error bars
/// when there is a `std` column).
extension ImportanceValue: Displayable {
    func rendering(rows: Int) -> Rendering { table.rendering(rows: rows) }

    var charts: [MimeBundle] {
        guard let features = table.column("feature"), case .number(let values)? = table.column("importance")?.values else { return [] }
        let labels = (0..<features.count).map { DatasetTable.text(features[$0]) }
        var errors: [Double]?
        if case .number(let std)? = table.column("std")?.values { errors = std }
        let svg = BarChart(title: "importance of \(modelName)", labels: labels, values: values, errors: errors, axisTitle: "importance").svg
        return [MimeBundle(plain: "<bar chart of \(labels.count) importances>").adding("image/svg+xml", svg)]
    }
}
