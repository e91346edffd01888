/// One row's explanation: from the base value, each contribution moves the output (red up,
/// blue down), largest first, to the row's output.
public struct Waterfall: Sendable {
    public var title: String
    public var base: Double
    /// Labels such as `bill_length_mm = 39.1`, with their contributions, largest |value| first.
    public var contributions: [(label: String, value: Double)]
    public var output: Double

    public init(title: String, base: Double, contributions: [(label: String, value: Double)], output: Double) {
        self.title = title
        self.base = base
        self.contributions = contributions
        self.output = output
    }

    public static let maximumBars = 12

    public var svg: String {
        var items = Array(contributions.prefix(Self.maximumBars))
        if contributions.count > Self.maximumBars {
            let rest = contributions.dropFirst(Self.maximumBars)
            items.append(("\(rest.count) other features", rest.reduce(0) { $0 + $1.value }))
        }
        let labelWidth = min(240, Double((items.map(\.label.count).max() ?? 4) * 7 + 12))
        let plotWidth = 400.0, rowHeight = 22.0, top = 34.0
        let rows = items.count + 2
        let height = top + Double(rows) * rowHeight + 40
        var canvas = SVGCanvas(width: labelWidth + plotWidth + 90, height: height)
        canvas.text(title, x: 8, y: 18, size: 13, bold: true)
        var running = base
        var extent = [base, output]
        for item in items {
            running += item.value
            extent.append(running)
        }
        let low = extent.min() ?? 0, high = extent.max() ?? 1
        let pad = high > low ? (high - low) * 0.05 : 1
        let x0 = labelWidth + 8
        func x(_ v: Double) -> Double { x0 + (v - (low - pad)) / ((high + pad) - (low - pad)) * plotWidth }
        for tick in SVGCanvas.ticks(low - pad, high + pad) {
            canvas.line(x(tick), top - 4, x(tick), top + Double(rows) * rowHeight, stroke: SVGCanvas.grid)
            canvas.text(SVGCanvas.label(tick), x: x(tick), y: top + Double(rows) * rowHeight + 14, anchor: .middle, size: 10)
        }
        func label(_ text: String, _ row: Int, bold: Bool = false) {
            canvas.text(BarChart.shorten(text), x: labelWidth, y: top + Double(row) * rowHeight + 15, anchor: .end, bold: bold)
        }
        label("base value", 0, bold: true)
        canvas.line(x(base), top + 2, x(base), top + rowHeight - 2, stroke: SVGCanvas.ink, width: 2)
        canvas.text(SVGCanvas.label(base), x: x(base) + 6, y: top + 15, size: 10)
        running = base
        for (i, item) in items.enumerated() {
            let row = i + 1
            let y = top + Double(row) * rowHeight
            let next = running + item.value
            canvas.rect(x: x(min(running, next)), y: y + 3, width: abs(x(next) - x(running)), height: rowHeight - 6,
                        fill: item.value >= 0 ? SVGCanvas.red : SVGCanvas.blue, title: "\(item.label): \(SVGCanvas.label(item.value))")
            label(item.label, row)
            let sign = item.value >= 0 ? "+" : "−"
            canvas.text(sign + SVGCanvas.label(abs(item.value)), x: x(max(running, next)) + 4, y: y + 15, size: 10)
            running = next
        }
        label("output", rows - 1, bold: true)
        canvas.line(x(output), top + Double(rows - 1) * rowHeight + 2, x(output), top + Double(rows) * rowHeight - 2, stroke: SVGCanvas.ink, width: 2)
        canvas.text(SVGCanvas.label(output), x: x(output) + 6, y: top + Double(rows - 1) * rowHeight + 15, size: 10)
        return canvas.svg
    }
}
