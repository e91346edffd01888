import Foundation
import Testing

@testable import AssayRender

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Charts are well-formed SVG that say what they show.
@Suite struct ChartTests {
    func isWellFormed(_ svg: String) -> Bool {
        XMLParser(data: Data(svg.utf8)).parse()
    }

    @Test func barChartShowsEveryLabelAndEscapesText() {
        let svg = BarChart(title: "importance <gain>", labels: ["island=Dream", "a&b"], values: [0.7, 0.3], errors: [0.05, 0.01], axisTitle: "share").svg
        #expect(isWellFormed(svg))
        #expect(svg.contains("island=Dream"))
        #expect(svg.contains("a&amp;b"))
        #expect(svg.contains("importance &lt;gain&gt;"))
        let quoted = BarChart(title: "it's \"x\"", labels: ["owner's"], values: [1], axisTitle: "share").svg
        #expect(isWellFormed(quoted))
        #expect(quoted.contains("owner&#39;s") && quoted.contains("it&#39;s &quot;x&quot;"))
        #expect(!quoted.contains("'s"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 2)
    }

    @Test func barChartKeepsAtMostTwentyBars() {
        let labels = (0..<30).map { "f\($0)" }
        let svg = BarChart(title: "t", labels: labels, values: labels.indices.map { Double(30 - $0) }, axisTitle: "x").svg
        #expect(svg.components(separatedBy: "<rect").count - 1 == 20)
        #expect(svg.contains("10 more not shown"))
    }

    @Test func beeswarmDrawsOneDotPerRowAndFeature() {
        let svg = Beeswarm(title: "SHAP", features: ["a", "b"], shap: [[0.1, -0.2, 0.3], [0.0, 0.05, -0.01]], values: [[1, 2, 3], [3, .nan, 1]]).svg
        #expect(isWellFormed(svg))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 6)
    }

    @Test func waterfallGoesFromBaseToOutput() {
        let svg = Waterfall(title: "row 3", base: 0.5, contributions: [("x = 1", 0.3), ("y = 2", -0.1)], output: 0.7).svg
        #expect(isWellFormed(svg))
        #expect(svg.contains("base value"))
        #expect(svg.contains("output"))
        #expect(svg.contains("+0.3"))
        #expect(svg.contains("−0.1"))
    }

    @Test func convergenceChartMarksEveryTrial() {
        let svg = ConvergenceChart(title: "tpe", scores: [0.8, 0.85, 0.83, .nan, 0.9], higherIsBetter: true, metric: "auc").svg
        #expect(isWellFormed(svg))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 4)
        #expect(svg.contains("<polyline"))
    }

    @Test func ticksAreRoundNumbers() {
        #expect(SVGCanvas.ticks(0, 1).map(SVGCanvas.label) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        #expect(SVGCanvas.ticks(-3, 3, count: 3) == [-2, 0, 2])
    }
}
