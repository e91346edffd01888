import Dispatch

/// `knn(k, weights)`: k nearest neighbours by Euclidean distance, found by brute force. Classes
/// get the (weighted) vote fractions as probabilities, values the (weighted) mean. With
/// `distance` weights a neighbour weighs 1/d, and neighbours at distance 0 take all the weight.
/// Equal distances are broken by training row order. A missing feature is left out of a distance.
public struct NearestNeighbors: Model {
    /// How neighbours' votes are weighted.
    public enum Weights: String, Sendable, CaseIterable {
        case uniform, distance
    }

    public var k: Int
    public var weights: Weights

    public init(k: Int = 5, weights: Weights = .uniform) {
        self.k = k
        self.weights = weights
    }

    public var kind: String { "knn" }

    public func fit(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> any FittedModel {
        try fitNeighbors(x, target, context: context)
    }

    /// `fit` with its concrete result: it keeps the training rows.
    public func fitNeighbors(_ x: FeatureMatrix, _ target: Target, context: FitContext) throws(LearnError) -> FittedNearestNeighbors {
        guard k >= 1 else { throw LearnError("`k` must be at least 1, got \(k)") }
        try target.requireRows(x)
        switch target {
        case .classes: _ = try target.requireClasses(for: kind)
        case .values: _ = try target.requireValues(for: kind)
        }
        try x.requireComplete(for: kind)
        // Row-major copy: a distance reads one training row contiguously.
        let p = x.columnCount
        var rows = [Double](repeating: 0, count: x.rows * p)
        for j in 0..<p { for i in 0..<x.rows { rows[i * p + j] = x.values[j * x.rows + i] } }
        return FittedNearestNeighbors(
            k: min(k, x.rows), weights: weights, featureNames: x.names, trainingRows: rows, target: target,
            threads: context.threads)
    }
}

/// A fitted `knn()` model: the training rows and targets, searched at prediction time on
/// `threads` threads.
public struct FittedNearestNeighbors: FittedModel {
    public var k: Int
    public var weights: NearestNeighbors.Weights
    public var featureNames: [String]
    /// Row-major, rows × features.
    var trainingRows: [Double]
    var target: Target
    public var threads: Int
    public var kind: String { "knn" }

    public func predict(_ x: FeatureMatrix) -> Prediction {
        let query = x.aligned(to: featureNames)
        let n = query.rows
        let width: Int
        switch target {
        case .classes(_, let classes): width = classes.count
        case .values: width = 1
        }
        var out = [Double](repeating: 0, count: n * width)
        let chunks = min(max(threads, 1), max(n, 1))
        out.withUnsafeMutableBufferPointer { buffer in
            let shared = SendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let rows = (n * chunk / chunks)..<(n * (chunk + 1) / chunks)
                var neighbours = NeighbourSearch(k: k, count: trainingRows.count / max(featureNames.count, 1))
                for row in rows { predictRow(row, query, &neighbours, into: shared.buffer, width: width) }
            }
        }
        switch target {
        case .classes(_, let classes): return .probabilities(out, classes: classes)
        case .values: return .values(out)
        }
    }

    private func predictRow(
        _ row: Int, _ query: FeatureMatrix, _ search: inout NeighbourSearch, into out: UnsafeMutableBufferPointer<Double>, width: Int
    ) {
        let p = featureNames.count
        let point = (0..<p).map { query.values[$0 * query.rows + row] }
        for t in 0..<search.count {
            var d = 0.0
            let base = t * p
            for j in 0..<p where !point[j].isNaN {
                let diff = trainingRows[base + j] - point[j]
                d += diff * diff
            }
            search.distances[t] = d
        }
        let nearest = search.nearest()
        var w = [Double](repeating: 1, count: nearest.count)
        if weights == .distance {
            let exact = nearest.map { search.distances[$0] == 0 }
            if exact.contains(true) {
                w = exact.map { $0 ? 1 : 0 }
            } else {
                w = nearest.map { 1 / search.distances[$0].squareRoot() }
            }
        }
        let total = w.reduce(0, +)
        switch target {
        case .classes(let labels, _):
            for (i, t) in nearest.enumerated() { out[row * width + Int(labels[t])] += w[i] / total }
        case .values(let values):
            var sum = 0.0
            for (i, t) in nearest.enumerated() { sum += w[i] * values[t] }
            out[row] = sum / total
        }
    }
}

/// Scratch space for one thread's queries: squared distances to every training row and a
/// partial selection of the k smallest.
struct NeighbourSearch {
    let k: Int
    let count: Int
    var distances: [Double]
    var order: [Int]

    init(k: Int, count: Int) {
        self.k = min(k, count)
        self.count = count
        distances = [Double](repeating: 0, count: count)
        order = Array(0..<count)
    }

    /// The k nearest training rows, nearest first, ties by row order. Keeps a sorted window of
    /// k candidates: O(n·k) worst case, O(n) typically.
    mutating func nearest() -> [Int] {
        guard k > 0 else { return [] }
        var best: [Int] = []
        best.reserveCapacity(k + 1)
        for t in 0..<count {
            let d = distances[t]
            if best.count == k, let last = best.last, !(d < distances[last]) { continue }
            var position = best.count
            while position > 0 && d < distances[best[position - 1]] { position -= 1 }
            best.insert(t, at: position)
            if best.count > k { best.removeLast() }
        }
        return best
    }
}

/// A buffer written by several threads, each to its own rows only.
struct SendableBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Double>
    init(_ buffer: UnsafeMutableBufferPointer<Double>) { self.buffer = buffer }
}
