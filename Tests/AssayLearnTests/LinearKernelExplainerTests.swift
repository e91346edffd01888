import AssayFrame
import Testing

@testable import AssayLearn

/// Exact linear SHAP, and Kernel SHAP checked against it and against brute-force Shapley values.
@Suite struct LinearKernelExplainerTests {
    static func regression(rows: Int, features: Int) throws -> (FeatureMatrix, Target) {
        var generator = SeededGenerator(seed: 5)
        func uniform() -> Double { Double(generator.next() >> 11) * 0x1p-53 * 2 - 1 }
        var values = [Double](repeating: 0, count: rows * features)
        var y = [Double](repeating: 0, count: rows)
        for f in 0..<features {
            for r in 0..<rows {
                values[f * rows + r] = uniform() * Double(f + 1)
                y[r] += Double(f % 4 - 1) * values[f * rows + r]
            }
        }
        for r in 0..<rows { y[r] += 0.1 * uniform() }
        return (try FeatureMatrix(rows: rows, names: (0..<features).map { "x\($0)" }, values: values), .values(y))
    }

    @Test func linearValuesAreCentredWeights() throws {
        let (x, y) = try Self.regression(rows: 200, features: 4)
        let model = try LinearRegression().fitLinear(x, y, context: FitContext())
        let explainer = LinearExplainer(model, background: x)
        let shap = explainer.shap(x)
        let scores = model.terms.scores(x)
        for r in 0..<x.rows {
            #expect(abs(shap.output(row: r) - scores[r]) < 1e-9)
            for j in 0..<4 {
                #expect(abs(shap[r, j, 0] - model.coefficients[j] * (x[r, j] - explainer.means[j])) < 1e-12)
            }
        }
        #expect(shap.outputNames == ["prediction"])
    }

    @Test(arguments: [2, 3])
    func logisticValuesAreInMarginSpace(classes: Int) throws {
        let (x, y) = try Self.regression(rows: 300, features: 3)
        guard case .values(let v) = y else { Issue.record("the regression fixture gave no values"); return }
        let names = (0..<classes).map { "c\($0)" }
        let labels = v.map { classes == 2 ? Int32($0 > 0 ? 1 : 0) : Int32($0 < -0.5 ? 0 : ($0 < 0.5 ? 1 : 2)) }
        let model = try LogisticRegression(reg: 0.01).fitLogistic(x, .classes(labels: labels, classes: names), context: FitContext())
        let shap = LinearExplainer(model, background: x).shap(x)
        let scores = model.terms.scores(x)
        let k = model.terms.outputs.count
        #expect(shap.outputCount == (classes == 2 ? 1 : classes))
        for r in 0..<x.rows {
            for o in 0..<k { #expect(abs(shap.output(row: r, output: o) - scores[r * k + o]) < 1e-9) }
        }
    }

    /// Kernel SHAP on a linear model's prediction must give the linear SHAP values: exactly when
    /// every coalition is enumerated (5 features), and also from sampled coalitions (14
    /// features), since a linear model's coalition values are additive and any coalitions that
    /// span the features fit them exactly.
    @Test(arguments: [5, 14])
    func kernelReproducesLinearShap(features: Int) throws {
        let (x, y) = try Self.regression(rows: 120, features: features)
        let model = try LinearRegression().fitLinear(x, y, context: FitContext())
        let background = try Background.sample(x, count: 40, seed: 1)
        let kernel = try KernelExplainer(background: background, outputs: ["prediction"]) { model.terms.scores($0) }
        let linear = LinearExplainer(model, background: background.data)
        let sample = x.take(Array(0..<10))
        let fromKernel = kernel.shap(sample, seed: 2, threads: 2)
        let exact = linear.shap(sample)
        #expect(abs(fromKernel.base[0] - exact.base[0]) < 1e-9)
        for (a, b) in zip(fromKernel.values, exact.values) { #expect(abs(a - b) < 1e-8) }
    }

    /// A model with interactions on four features: with every coalition enumerated, Kernel SHAP
    /// equals the interventional Shapley values computed by brute force.
    @Test func kernelIsExactWhenEveryCoalitionFits() throws {
        let (x, _) = try Self.regression(rows: 30, features: 4)
        @Sendable func f(_ v: [Double]) -> Double { v[0] * v[1] + max(v[2], 0) * 2 - v[3] * v[3] * v[0] }
        let predict: @Sendable (FeatureMatrix) -> [Double] = { m in
            (0..<m.rows).map { r in f((0..<4).map { m[r, $0] }) }
        }
        let background = try Background(x.take(Array(0..<8)))
        let kernel = try KernelExplainer(background: background, outputs: ["prediction"], predict: predict)
        let shap = kernel.shap(x.take([20, 21, 22]), threads: 1)
        for (i, r) in [20, 21, 22].enumerated() {
            let row = (0..<4).map { x[r, $0] }
            func value(_ mask: Int) -> Double {
                var sum = 0.0
                for b in 0..<8 {
                    sum += f((0..<4).map { mask & (1 << $0) != 0 ? row[$0] : x[b, $0] }) / 8
                }
                return sum
            }
            let factorial = [1.0, 1, 2, 6, 24]
            for j in 0..<4 {
                var phi = 0.0
                for mask in 0..<16 where mask & (1 << j) == 0 {
                    let s = mask.nonzeroBitCount
                    phi += factorial[s] * factorial[3 - s] / 24 * (value(mask | (1 << j)) - value(mask))
                }
                #expect(abs(shap[i, j, 0] - phi) < 1e-9)
            }
        }
    }

    @Test func sampledCoalitionsWeighAsTheKernel() {
        // 12 features, 300 coalitions: sizes 1 and 11 are enumerated (24 coalitions), the rest
        // sampled in pairs; all weights together are the whole kernel.
        let c = Coalitions(features: 12, budget: 300, seed: 9)
        let sizes = (0..<c.count).map { z in (0..<12).reduce(0) { $0 + Int(c.members[z * 12 + $1]) } }
        #expect(sizes.filter { $0 == 1 }.count == 12)
        #expect(sizes.filter { $0 == 11 }.count == 12)
        #expect(abs(c.weights.reduce(0, +) - 1) < 1e-12)
        #expect(c.count <= 300)
        #expect(Coalitions(features: 4, budget: 14, seed: 0).count == 14)
    }

    @Test func kmeansSummarizesWithWeights() throws {
        let (x, _) = try Self.regression(rows: 500, features: 3)
        let background = try Background.kmeans(x, clusters: 10, seed: 4)
        #expect(background.data.rows <= 10)
        #expect(abs(background.weights.reduce(0, +) - 1) < 1e-12)
        // Every centre coordinate is a value of its column.
        for j in 0..<3 {
            let column = Set(x.column(j))
            for r in 0..<background.data.rows { #expect(column.contains(background.data[r, j])) }
        }
        #expect(try Background.kmeans(x, clusters: 10, seed: 4) == background)
    }
}
