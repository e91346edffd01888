import Foundation

/// Builds an SVG document from shapes, with colors that read on light and dark backgrounds.
///
/// Front ends often show `image/svg+xml` in an `<img>`, where the page's CSS does not reach, so
/// text and axes use a mid gray instead of `currentColor`, and the background stays transparent.
struct SVGCanvas {
    let width: Double
    let height: Double
    private var parts: [String] = []

    /// Palette: mid-tone colors with enough contrast on white and on near-black.
    static let ink = "#8a8a8a"
    static let grid = "#8a8a8a40"
    static let blue = "#3b82c4"
    static let red = "#e0564b"
    static let green = "#3aa262"

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil) {
        let tip = title.map { "<title>\(HTMLText.escape($0))</title>" } ?? ""
        parts.append("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(width, 0)))\" height=\"\(n(max(height, 0)))\" fill=\"\(fill)\">\(tip)</rect>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = ink, width: Double = 1, dash: String? = nil) {
        let dashed = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        parts.append("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(dashed)/>")
    }

    mutating func circle(x: Double, y: Double, r: Double, fill: String, opacity: Double = 1) {
        parts.append("<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"\(fill)\" fill-opacity=\"\(n(opacity))\"/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5) {
        let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        parts.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"/>")
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 11, bold: Bool = false, fill: String = ink) {
        let weight = bold ? " font-weight=\"bold\"" : ""
        parts.append("<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor.rawValue)\" font-size=\"\(n(size))\"\(weight) fill=\"\(fill)\">\(HTMLText.escape(content))</text>")
    }

    mutating func raw(_ element: String) { parts.append(element) }

    var svg: String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
            + "font-family=\"-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif\">"
            + parts.joined() + "</svg>"
    }

    private func n(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        return String(format: "%.2f", x).replacingOccurrences(of: ".00", with: "")
    }

    /// Round numbers for an axis between `low` and `high`: about `count` ticks at 1, 2 or 5 × 10^k.
    static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite, high > low else { return low.isFinite ? [low] : [] }
        let raw = (high - low) / Double(max(count, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var t = ceil(low / step) * step
        while t <= high + step * 1e-9 {
            ticks.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return ticks
    }

    /// A tick label: few digits, no trailing zeros.
    static func label(_ x: Double) -> String {
        if x == 0 { return "0" }
        if abs(x) >= 1e4 || abs(x) < 1e-3 { return String(format: "%.1e", x) }
        var s = String(format: "%.4g", x)
        if s.contains("."), !s.contains("e") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}
