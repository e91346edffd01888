/// Horizontal bars, largest first as given: importances, mean |SHAP| per feature.
public struct BarChart: Sendable {
    public var title: String
    public var labels: [String]
    public var values: [Double]
    /// Optional error bars (one standard deviation).
    public var errors: [Double]?
    public var axisTitle: String

    public init(title: String, labels: [String], values: [Double], errors: [Double]? = nil, axisTitle: String) {
        self.title = title
        self.labels = labels
        self.values = values
        self.errors = errors
        self.axisTitle = axisTitle
    }

    /// Shows at most this many bars; the rest are summarized in a note.
    public static let maximumBars = 20

    public var svg: String {
        let count = min(labels.count, values.count, Self.maximumBars)
        let labelWidth = min(220, Double((labels.prefix(count).map(\.count).max() ?? 4) * 7 + 12))
        let plotWidth = 420.0
        let rowHeight = 20.0
        let top = 34.0
        let height = top + Double(count) * rowHeight + 46
        var canvas = SVGCanvas(width: labelWidth + plotWidth + 40, height: height)
        canvas.text(title, x: 8, y: 18, size: 13, bold: true)
        let shown = Array(values.prefix(count))
        let spread = (0..<count).map { shown[$0] + (errors?[$0] ?? 0) }
        let low = min(0, shown.min() ?? 0)
        let high = max(spread.max() ?? 1, 1e-12)
        let x0 = labelWidth + 8
        func x(_ v: Double) -> Double { x0 + (v - low) / (high - low) * plotWidth }
        for tick in SVGCanvas.ticks(low, high) {
            canvas.line(x(tick), top - 4, x(tick), top + Double(count) * rowHeight, stroke: SVGCanvas.grid)
            canvas.text(SVGCanvas.label(tick), x: x(tick), y: top + Double(count) * rowHeight + 14, anchor: .middle, size: 10)
        }
        for i in 0..<count {
            let y = top + Double(i) * rowHeight
            canvas.text(Self.shorten(labels[i]), x: labelWidth, y: y + 14, anchor: .end)
            let v = shown[i]
            let start = x(min(0, v)), end = x(max(0, v))
            canvas.rect(x: start, y: y + 3, width: end - start, height: rowHeight - 6, fill: v >= 0 ? SVGCanvas.blue : SVGCanvas.red,
                        title: "\(labels[i]): \(SVGCanvas.label(v))")
            if let e = errors?[i], e > 0 {
                canvas.line(x(v - e), y + rowHeight / 2, x(v + e), y + rowHeight / 2, stroke: SVGCanvas.ink, width: 1.2)
            }
        }
        canvas.line(x(0), top - 4, x(0), top + Double(count) * rowHeight)
        var footer = axisTitle
        if labels.count > count { footer += " · \(labels.count - count) more not shown" }
        canvas.text(footer, x: x0 + plotWidth / 2, y: height - 10, anchor: .middle, size: 11)
        return canvas.svg
    }

    static func shorten(_ label: String) -> String {
        label.count <= 30 ? label : String(label.prefix(29)) + "…"
    }
}
