import Foundation

/// SHAP values of many rows, one row of dots per feature, colored by the feature's value (blue
/// low, red high): how much and in which direction each feature moves the output.
public struct Beeswarm: Sendable {
    public var title: String
    /// Features, most important first.
    public var features: [String]
    /// `shap[f][row]` and `values[f][row]` for feature f.
    public var shap: [[Double]]
    public var values: [[Double]]

    public init(title: String, features: [String], shap: [[Double]], values: [[Double]]) {
        self.title = title
        self.features = features
        self.shap = shap
        self.values = values
    }

    public static let maximumFeatures = 20

    public var svg: String {
        let count = min(features.count, shap.count, values.count, Self.maximumFeatures)
        let labelWidth = min(220, Double((features.prefix(count).map(\.count).max() ?? 4) * 7 + 12))
        let plotWidth = 420.0, rowHeight = 26.0, top = 34.0
        let height = top + Double(count) * rowHeight + 50
        var canvas = SVGCanvas(width: labelWidth + plotWidth + 70, height: height)
        canvas.text(title, x: 8, y: 18, size: 13, bold: true)
        let all = shap.prefix(count).flatMap { $0 }.filter(\.isFinite)
        let bound = max(abs(all.min() ?? 0), abs(all.max() ?? 0), 1e-12)
        let x0 = labelWidth + 8
        func x(_ v: Double) -> Double { x0 + (v + bound) / (2 * bound) * plotWidth }
        for tick in SVGCanvas.ticks(-bound, bound) {
            canvas.line(x(tick), top - 4, x(tick), top + Double(count) * rowHeight, stroke: SVGCanvas.grid)
            canvas.text(SVGCanvas.label(tick), x: x(tick), y: top + Double(count) * rowHeight + 14, anchor: .middle, size: 10)
        }
        canvas.line(x(0), top - 4, x(0), top + Double(count) * rowHeight)
        for f in 0..<count {
            let center = top + (Double(f) + 0.5) * rowHeight
            canvas.text(BarChart.shorten(features[f]), x: labelWidth, y: center + 4, anchor: .end)
            let colors = Self.colors(values[f])
            // Dots that share a 2-pixel column stack outwards from the row's center line.
            var stacks: [Int: Int] = [:]
            for (row, v) in shap[f].enumerated() where v.isFinite {
                let px = x(v)
                let column = Int(px / 2)
                let k = stacks[column, default: 0]
                stacks[column] = k + 1
                let offset = Double((k + 1) / 2) * 2.2 * (k % 2 == 0 ? 1 : -1)
                guard abs(offset) < rowHeight / 2 - 2 else { continue }
                canvas.circle(x: px, y: center + offset, r: 2.2, fill: row < colors.count ? colors[row] : SVGCanvas.ink, opacity: 0.8)
            }
        }
        let legendX = x0 + plotWidth + 14
        canvas.text("high", x: legendX, y: top + 10, size: 10, fill: SVGCanvas.red)
        canvas.text("low", x: legendX, y: top + Double(count) * rowHeight, size: 10, fill: SVGCanvas.blue)
        canvas.text("SHAP value (impact on the output)", x: x0 + plotWidth / 2, y: height - 10, anchor: .middle)
        return canvas.svg
    }

    /// Blue for low values through purple to red for high ones, by rank between the 5th and 95th
    /// percentile; missing values are gray.
    static func colors(_ values: [Double]) -> [String] {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first else { return values.map { _ in SVGCanvas.ink } }
        let low = sorted[Int(Double(sorted.count - 1) * 0.05)]
        let high = sorted[Int(Double(sorted.count - 1) * 0.95)]
        return values.map { v in
            guard v.isFinite else { return SVGCanvas.ink }
            let t = high > low ? min(max((v - low) / (high - low), 0), 1) : (v > first ? 1 : 0.5)
            let r = Int(59 + t * (224 - 59)), g = Int(130 + t * (86 - 130)), b = Int(196 + t * (75 - 196))
            return String(format: "#%02x%02x%02x", r, g, b)
        }
    }
}
