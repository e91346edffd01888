#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the sums of a node's rows score a split and become a leaf value.
///
/// Every row carries `stride` numbers and a histogram bin holds their sums. The first number
/// is the row's weight (1, or its bootstrap count) and the rest depend on the task:
/// `[w, w·y]` for variance, `[w, w·[y = k]...]` for classes. Gradient boosting keeps only
/// `[g, h]` and, as LightGBM does, estimates a side's rows from its share of the hessian.
/// A split's gain is `term(left) + term(right) - term(parent)`, which for the CART criteria is
/// the impurity decrease times the rows.
enum SplitScore: Sendable {
    case gradient(l2: Double, rate: Double)
    case gini(classes: Int)
    case entropy(classes: Int)
    case variance

    /// LightGBM's `min_sum_hessian_in_leaf`.
    static let minHessian = 1e-3

    var stride: Int {
        switch self {
        case .gradient: 2
        case .gini(let k), .entropy(let k): 1 + k
        case .variance: 2
        }
    }

    /// Numbers per node value: one, or one per class.
    var outputs: Int {
        switch self {
        case .gradient, .variance: 1
        case .gini(let k), .entropy(let k): k
        }
    }

    @inline(__always)
    func term(_ s: UnsafePointer<Double>) -> Double {
        switch self {
        case .gradient(let l2, _):
            return s[0] * s[0] / (s[1] + l2)
        case .variance:
            return s[0] > 0 ? s[1] * s[1] / s[0] : 0
        case .gini(let k):
            guard s[0] > 0 else { return 0 }
            var total = 0.0
            for c in 1...k { total += s[c] * s[c] }
            return total / s[0]
        case .entropy(let k):
            guard s[0] > 0 else { return 0 }
            var total = -s[0] * log2(s[0])
            for c in 1...k where s[c] > 0 { total += s[c] * log2(s[c]) }
            return total
        }
    }

    /// Which number says how much of the node a side holds: the weight, or the hessian.
    var weightIndex: Int {
        if case .gradient = self { return 1 }
        return 0
    }

    /// Whether a side of a split is big enough to be a leaf; `rowsPerWeight` turns a hessian
    /// into estimated rows.
    @inline(__always)
    func allows(_ s: UnsafePointer<Double>, minLeaf: Double, rowsPerWeight: Double) -> Bool {
        if case .gradient = self {
            return s[1] >= Self.minHessian && (s[1] * rowsPerWeight).rounded() >= minLeaf
        }
        return s[0] >= minLeaf
    }

    func value(_ s: UnsafePointer<Double>) -> [Double] {
        switch self {
        case .gradient(let l2, let rate):
            let denominator = s[1] + l2
            return [denominator > 0 ? -s[0] / denominator * rate : 0]
        case .variance:
            return [s[0] > 0 ? s[1] / s[0] : 0]
        case .gini(let k), .entropy(let k):
            return (1...k).map { s[0] > 0 ? s[$0] / s[0] : 0 }
        }
    }

    /// What TreeSHAP weighs paths by: rows, or the hessian for boosting.
    func cover(_ s: UnsafePointer<Double>) -> Double {
        s[weightIndex]
    }
}
