import Foundation

/// `logistic(reg, l1_ratio, max_iter)`: logistic regression, binary for two classes and
/// multinomial (softmax over every class) for more, with an unpenalized intercept, minimizing
///
///     mean log-loss + reg · (l1_ratio ‖W‖₁ + (1 − l1_ratio)/2 ‖W‖²)
///
/// which is scikit-learn's `LogisticRegression(C=1/(n·reg), l1_ratio=l1_ratio)` (no penalty when
/// reg is 0). Without L1 it runs L-BFGS (max_iter iterations); with L1 a proximal Newton method:
/// glmnet's quadratic approximation per class solved by coordinate descent (max_iter Newton
/// steps). Features are used as given: the pipeline scales them, the model does not.
public struct LogisticRegression: Model {
    public var reg: Double
    public var l1Ratio: Double
    public var maxIter: Int
    /// Convergence: largest gradient component (L-BFGS) or parameter change (Newton steps).
    public var tolerance: Double

    public init(reg: Double = 0, l1Ratio: Double = 0, maxIter: Int = 100, tolerance: Double = 1e-8) {
        self.reg = reg
        self.l1Ratio = l1Ratio
        self.maxIter = maxIter
        self.tolerance = tolerance
    }

    public var kind: String { "logistic" }

    public func fit(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> any FittedModel {
        try fitLogistic(x, target, context: context)
    }

    /// `fit` with its concrete result.
    public func fitLogistic(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> FittedLogisticRegression {
        try PenaltyCheck.validate(reg: reg, l1Ratio: l1Ratio)
        guard maxIter >= 1 else { throw LearnError("`max_iter` must be at least 1, got \(maxIter)") }
        try target.requireRows(x)
        let (labels, classes) = try target.requireClasses(for: kind)
        guard Set(labels).count >= 2 else {
            throw LearnError("the target has a single class, and `logistic` needs at least two")
        }
        try x.requireComplete(for: kind)
        let problem = LogisticProblem(x: x, labels: labels, outputs: classes.count == 2 ? 1 : classes.count, reg: reg, l1Ratio: l1Ratio)
        let parameters: [Double]
        if l1Ratio > 0 && reg > 0 {
            parameters = try problem.proximalNewton(maxSteps: maxIter, tolerance: tolerance, context: context)
        } else {
            parameters = try LBFGS(maxIterations: maxIter, gradientTolerance: tolerance)
                .minimize(from: problem.start, context: context) { problem.loss($0, gradient: &$1) }
        }
        let p = x.columnCount
        let terms = LinearTerms(
            outputs: classes.count == 2 ? [classes[1]] : classes, featureNames: x.names,
            weights: (0..<problem.outputs).map { Array(parameters[($0 * (p + 1))..<($0 * (p + 1) + p)]) },
            intercepts: (0..<problem.outputs).map { parameters[$0 * (p + 1) + p] })
        return FittedLogisticRegression(classes: classes, terms: terms)
    }
}

/// A fitted `logistic()` model. For two classes `terms` has one row, the log-odds of the second
/// class; for more it has one row per class, and probabilities are their softmax. Saved as
/// `{"classes": [...], "terms": {...}}`.
public struct FittedLogisticRegression: FittedModel, Codable {
    public var classes: [String]
    public var terms: LinearTerms
    public var kind: String { "logistic" }
    public var featureNames: [String] { terms.featureNames }

    public func predict(_ x: FeatureMatrix) -> Prediction {
        let scores = terms.scores(x)
        let k = classes.count
        if terms.outputs.count == 1 {
            var p = [Double](repeating: 0, count: x.rows * 2)
            for i in 0..<x.rows {
                let positive = LogisticProblem.sigmoid(scores[i])
                p[2 * i] = 1 - positive
                p[2 * i + 1] = positive
            }
            return .probabilities(p, classes: classes)
        }
        var p = scores
        for i in 0..<x.rows { LogisticProblem.softmax(&p, row: i, width: k) }
        return .probabilities(p, classes: classes)
    }
}

extension FittedLogisticRegression: ValidatedOnLoad {
    func validate() throws(LearnError) {
        try terms.validate()
        guard classes.count >= 2, terms.outputs.count == (classes.count == 2 ? 1 : classes.count) else {
            throw ModelCoding.damaged("a saved `logistic` model's \(terms.outputs.count) outputs don't match its \(classes.count) classes")
        }
    }
}

/// The penalized logistic objective on one dataset. Parameters are laid out output by output,
/// each as p weights followed by the intercept; one output for two classes.
struct LogisticProblem {
    let x: FeatureMatrix
    let labels: [Int32]
    let outputs: Int
    let reg: Double
    let l1Ratio: Double

    var start: [Double] { [Double](repeating: 0, count: outputs * (x.columnCount + 1)) }

    static func sigmoid(_ t: Double) -> Double {
        t >= 0 ? 1 / (1 + exp(-t)) : exp(t) / (1 + exp(t))
    }

    /// log(1 + eᵗ) without overflow.
    static func softplus(_ t: Double) -> Double {
        t > 0 ? t + log1p(exp(-t)) : log1p(exp(t))
    }

    static func softmax(_ values: inout [Double], row: Int, width: Int) {
        let base = row * width
        var top = -Double.infinity
        for c in 0..<width { top = max(top, values[base + c]) }
        var sum = 0.0
        for c in 0..<width {
            values[base + c] = exp(values[base + c] - top)
            sum += values[base + c]
        }
        for c in 0..<width { values[base + c] /= sum }
    }

    /// Linear scores, row-major rows × outputs.
    func scores(_ parameters: [Double]) -> [Double] {
        let n = x.rows
        let p = x.columnCount
        var eta = [Double](repeating: 0, count: n * outputs)
        x.values.withUnsafeBufferPointer { xs in
            for k in 0..<outputs {
                let base = k * (p + 1)
                var column = [Double](repeating: parameters[base + p], count: n)
                for j in 0..<p where parameters[base + j] != 0 {
                    let w = parameters[base + j]
                    let feature = xs.baseAddress! + j * n
                    for i in 0..<n { column[i] += w * feature[i] }
                }
                for i in 0..<n { eta[i * outputs + k] = column[i] }
            }
        }
        return eta
    }

    /// Mean log-loss of the scores; `residual` gets p − y per row and output, divided by n.
    func meanLoss(_ eta: [Double], residual: inout [Double]) -> Double {
        let n = x.rows
        var loss = 0.0
        if outputs == 1 {
            for i in 0..<n {
                let y = labels[i] == 1 ? 1.0 : 0.0
                loss += Self.softplus(eta[i]) - y * eta[i]
                residual[i] = (Self.sigmoid(eta[i]) - y) / Double(n)
            }
        } else {
            var row = [Double](repeating: 0, count: outputs)
            for i in 0..<n {
                var top = -Double.infinity
                for k in 0..<outputs { row[k] = eta[i * outputs + k]; top = max(top, row[k]) }
                var sum = 0.0
                for k in 0..<outputs { sum += exp(row[k] - top) }
                let logSum = top + log(sum)
                loss += logSum - row[Int(labels[i])]
                for k in 0..<outputs {
                    residual[i * outputs + k] = (exp(row[k] - logSum) - (Int(labels[i]) == k ? 1 : 0)) / Double(n)
                }
            }
        }
        return loss / Double(n)
    }

    func penalty(_ parameters: [Double]) -> Double {
        let p = x.columnCount
        var l1 = 0.0
        var l2 = 0.0
        for k in 0..<outputs {
            for j in 0..<p {
                let w = parameters[k * (p + 1) + j]
                l1 += abs(w)
                l2 += w * w
            }
        }
        return reg * (l1Ratio * l1 + (1 - l1Ratio) / 2 * l2)
    }

    /// The smooth objective (no L1 part) and its gradient.
    func loss(_ parameters: [Double], gradient: inout [Double]) -> Double {
        let n = x.rows
        let p = x.columnCount
        var residual = [Double](repeating: 0, count: n * outputs)
        let value = meanLoss(scores(parameters), residual: &residual) + penalty(parameters)
        x.values.withUnsafeBufferPointer { xs in
            for k in 0..<outputs {
                let base = k * (p + 1)
                for j in 0..<p {
                    let feature = xs.baseAddress! + j * n
                    var sum = 0.0
                    for i in 0..<n { sum += residual[i * outputs + k] * feature[i] }
                    gradient[base + j] = sum + reg * (1 - l1Ratio) * parameters[base + j]
                }
                var sum = 0.0
                for i in 0..<n { sum += residual[i * outputs + k] }
                gradient[base + p] = sum
            }
        }
        return value
    }

    func objective(_ parameters: [Double]) -> Double {
        var residual = [Double](repeating: 0, count: x.rows * outputs)
        return meanLoss(scores(parameters), residual: &residual) + penalty(parameters)
    }

    /// Newton steps on one output at a time: the loss's quadratic approximation in that output's
    /// weights, with the elastic-net penalty, solved by coordinate descent; a step that does not
    /// lower the objective is halved until it does.
    func proximalNewton(maxSteps: Int, tolerance: Double, context: FitContext) throws(LearnError) -> [Double] {
        let n = x.rows
        let p = x.columnCount
        var parameters = start
        var current = objective(parameters)
        let descent = ElasticNetDescent(lambda: reg, alpha: l1Ratio, tolerance: tolerance * 1e-2)
        for _ in 0..<maxSteps {
            var largestChange = 0.0
            for k in 0..<outputs {
                try context.checkCancellation()
                let eta = scores(parameters)
                var residual = [Double](repeating: 0, count: n * outputs)
                _ = meanLoss(eta, residual: &residual)
                var v = [Double](repeating: 0, count: n)
                var z = [Double](repeating: 0, count: n)
                for i in 0..<n {
                    // p(1 − p)/n, from the residual (p − y)/n and the label.
                    let y: Double = outputs == 1 ? (labels[i] == 1 ? 1 : 0) : (Int(labels[i]) == k ? 1 : 0)
                    let probability = residual[i * outputs + k] * Double(n) + y
                    let weight = max(probability * (1 - probability), 1e-5)
                    v[i] = weight / Double(n)
                    z[i] = eta[i * outputs + k] - residual[i * outputs + k] * Double(n) / weight
                }
                let base = k * (p + 1)
                var w = Array(parameters[base..<(base + p)])
                var b = parameters[base + p]
                try descent.solve(x: x, v: v, z: z, w: &w, b: &b, context: context)
                let old = Array(parameters[base...(base + p)])
                let proposal = w + [b]
                var step = 1.0
                var candidate = parameters
                var accepted = false
                for _ in 0..<30 {
                    for t in 0...p { candidate[base + t] = old[t] + step * (proposal[t] - old[t]) }
                    let value = objective(candidate)
                    if value <= current + 1e-12 * abs(current) {
                        current = value
                        accepted = true
                        break
                    }
                    step *= 0.5
                }
                guard accepted else { continue }
                for t in 0...p { largestChange = max(largestChange, abs(candidate[base + t] - old[t])) }
                parameters = candidate
            }
            if largestChange <= tolerance { break }
        }
        return parameters
    }
}
