/// A tuning sweep: each trial's score as a dot and the best so far as a step line.
public struct ConvergenceChart: Sendable {
    public var title: String
    public var scores: [Double]
    public var higherIsBetter: Bool
    public var metric: String

    public init(title: String, scores: [Double], higherIsBetter: Bool, metric: String) {
        self.title = title
        self.scores = scores
        self.higherIsBetter = higherIsBetter
        self.metric = metric
    }

    public var svg: String {
        let width = 560.0, height = 300.0
        let left = 56.0, right = 16.0, top = 48.0, bottom = 42.0
        var canvas = SVGCanvas(width: width, height: height)
        canvas.text(title, x: 8, y: 18, size: 13, bold: true)
        let finite = scores.filter(\.isFinite)
        guard let lowest = finite.min(), let highest = finite.max() else { return canvas.svg }
        let pad = highest > lowest ? (highest - lowest) * 0.05 : max(abs(highest) * 0.05, 0.01)
        let low = lowest - pad, high = highest + pad
        let n = max(scores.count, 2)
        func x(_ i: Int) -> Double { left + Double(i) / Double(n - 1) * (width - left - right) }
        func y(_ v: Double) -> Double { top + (high - v) / (high - low) * (height - top - bottom) }
        for tick in SVGCanvas.ticks(low, high) {
            canvas.line(left, y(tick), width - right, y(tick), stroke: SVGCanvas.grid)
            canvas.text(SVGCanvas.label(tick), x: left - 6, y: y(tick) + 4, anchor: .end, size: 10)
        }
        for tick in SVGCanvas.ticks(1, Double(scores.count), count: 6) where tick == tick.rounded() {
            canvas.text(SVGCanvas.label(tick), x: x(Int(tick) - 1), y: height - bottom + 16, anchor: .middle, size: 10)
        }
        var best: Double?
        var steps: [(Double, Double)] = []
        for (i, v) in scores.enumerated() {
            guard v.isFinite else { continue }
            canvas.circle(x: x(i), y: y(v), r: 3, fill: SVGCanvas.blue, opacity: 0.7)
            if let b = best, higherIsBetter ? v <= b : v >= b {
                steps.append((x(i), y(b)))
            } else {
                if let b = best { steps.append((x(i), y(b))) }
                best = v
                steps.append((x(i), y(v)))
            }
        }
        canvas.polyline(steps, stroke: SVGCanvas.red, width: 2)
        canvas.text("trial", x: left + (width - left - right) / 2, y: height - 8, anchor: .middle)
        canvas.text("\(metric) (dots: trials, line: best so far)", x: left, y: top - 12, size: 10)
        return canvas.svg
    }
}
