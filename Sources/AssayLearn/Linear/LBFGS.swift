/// Limited-memory BFGS for smooth objectives: two-loop recursion, backtracking Armijo line
/// search, and curvature pairs kept only when they are positive (so the inverse Hessian stays
/// positive definite without a Wolfe search).
struct LBFGS {
    var maxIterations: Int
    /// Stop when the largest absolute gradient component is at most this.
    var gradientTolerance: Double
    var memory = 10

    /// Minimizes `objective`, which returns the value at a point and writes the gradient.
    func minimize(
        from start: [Double], context: FitContext, _ objective: ([Double], inout [Double]) -> Double
    ) throws(LearnError) -> [Double] {
        var x = start
        var g = [Double](repeating: 0, count: x.count)
        var f = objective(x, &g)
        var s: [[Double]] = []
        var y: [[Double]] = []
        var rho: [Double] = []
        var candidate = x
        var candidateGradient = g
        for iteration in 0..<maxIterations {
            if maxAbs(g) <= gradientTolerance || !f.isFinite { break }
            try context.checkCancellation()
            // Two-loop recursion: d = -H g.
            var d = g.map { -$0 }
            var alpha = [Double](repeating: 0, count: s.count)
            for i in stride(from: s.count - 1, through: 0, by: -1) {
                alpha[i] = rho[i] * dot(s[i], d)
                axpy(-alpha[i], y[i], &d)
            }
            if let lastS = s.last, let lastY = y.last {
                let gamma = dot(lastS, lastY) / dot(lastY, lastY)
                for i in d.indices { d[i] *= gamma }
            } else {
                let scale = 1 / max(1, maxAbs(g))
                for i in d.indices { d[i] *= scale }
            }
            for i in s.indices {
                let beta = rho[i] * dot(y[i], d)
                axpy(alpha[i] - beta, s[i], &d)
            }
            var slope = dot(g, d)
            if !(slope < 0) {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                s.removeAll(); y.removeAll(); rho.removeAll()
                d = g.map { -$0 / max(1, maxAbs(g)) }
                slope = dot(g, d)
            }
            var step = 1.0
            var newF = f
            var accepted = false
            for _ in 0..<60 {
                for i in x.indices { candidate[i] = x[i] + step * d[i] }
                newF = objective(candidate, &candidateGradient)
                if newF.isFinite && newF <= f + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            guard accepted else { break }
            var sk = [Double](repeating: 0, count: x.count)
            var yk = sk
            for i in x.indices {
                sk[i] = candidate[i] - x[i]
                yk[i] = candidateGradient[i] - g[i]
            }
            let sy = dot(sk, yk)
            if sy > 1e-12 * (dot(sk, sk) * dot(yk, yk)).squareRoot() {
                if s.count == memory { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
                s.append(sk); y.append(yk); rho.append(1 / sy)
            }
            let decrease = f - newF
            swap(&x, &candidate)
            swap(&g, &candidateGradient)
            f = newF
            if decrease <= 1e-16 * max(abs(f), 1) && maxAbs(g) <= gradientTolerance * 100 { break }
            _ = iteration
        }
        return x
    }
}

@inline(__always) func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}

@inline(__always) func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
    for i in y.indices { y[i] += a * x[i] }
}

@inline(__always) func maxAbs(_ a: [Double]) -> Double {
    a.reduce(0) { max($0, abs($1)) }
}
