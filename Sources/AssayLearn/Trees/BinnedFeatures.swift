import Dispatch

/// A feature matrix cut into at most 255 quantile bins per feature, computed once per fit.
///
/// Codes are column-major (`codes[feature * rows + row]`): a histogram is built one feature at
/// a time, and one feature's codes (a byte per row) stay in cache while a node's rows are read. A feature with missing values has one more bin, the
/// last, for them. Bin `k` holds the values `<= edges[k]` (and above the previous edge), so a
/// split after bin `k` has the real threshold `edges[k]`.
struct BinnedFeatures: Sendable {
    var rows: Int
    var featureCount: Int
    var codes: [UInt8]
    /// Upper edge of each value bin; the last edge is the largest value seen.
    var edges: [[Double]]
    /// Value bins (without the missing bin) per feature.
    var valueBins: [Int]
    /// The missing bin's code, or 256 (no code) when the feature had no missing values.
    var missingCode: [Int]
    /// Where each feature's bins start in a histogram.
    var offsets: [Int]
    /// Bins of all features, the length of a histogram in bins.
    var totalBins: Int

    /// Rows used to choose the edges; more adds time without moving quantiles much.
    static let sampleRows = 200_000

    init(_ x: FeatureMatrix, maxBins: Int, threads: Int) {
        rows = x.rows
        featureCount = x.columnCount
        let rows = x.rows, features = x.columnCount
        var edges = [[Double]](repeating: [], count: features)
        var hasMissing = [Bool](repeating: false, count: features)
        var codes = [UInt8](repeating: 0, count: rows * features)
        let step = max(1, rows / Self.sampleRows)
        edges.withUnsafeMutableBufferPointer { edgeBuffer in
            hasMissing.withUnsafeMutableBufferPointer { missingBuffer in
                codes.withUnsafeMutableBufferPointer { codeBuffer in
                    x.values.withUnsafeBufferPointer { xs in
                        let edgeOut = edgeBuffer.baseAddress!, missingOut = missingBuffer.baseAddress!
                        let codeOut = codeBuffer.baseAddress!, xBase = xs.baseAddress!
                        let workers = max(1, min(threads, features))
                        TreeThreads.run(workers) { worker in
                            var f = worker
                            while f < features {
                                let column = UnsafeBufferPointer(start: xBase + f * rows, count: rows)
                                var sample: [Double] = []
                                sample.reserveCapacity(rows / step + 1)
                                var r = 0
                                while r < rows {
                                    if !column[r].isNaN { sample.append(column[r]) }
                                    r += step
                                }
                                let featureEdges = Self.edges(sortedValues: Self.radixSorted(sample), maxBins: maxBins)
                                var missing = false
                                let missingCode = UInt8(featureEdges.count)
                                featureEdges.withUnsafeBufferPointer { e in
                                    let inner = e.count - 1
                                    for r in 0..<rows {
                                        let v = column[r]
                                        if v.isNaN {
                                            missing = true
                                            codeOut[f * rows + r] = missingCode
                                            continue
                                        }
                                        // First edge >= v among the inner edges; past them, the last bin.
                                        var lo = 0, hi = inner
                                        while lo < hi {
                                            let mid = (lo + hi) >> 1
                                            if e[mid] < v { lo = mid + 1 } else { hi = mid }
                                        }
                                        codeOut[f * rows + r] = UInt8(lo)
                                    }
                                }
                                edgeOut[f] = featureEdges
                                missingOut[f] = missing
                                f += workers
                            }
                        }
                    }
                }
            }
        }
        self.codes = codes
        self.edges = edges
        valueBins = edges.map(\.count)
        missingCode = (0..<features).map { hasMissing[$0] ? edges[$0].count : 256 }
        var offsets: [Int] = []
        var total = 0
        for f in 0..<features {
            offsets.append(total)
            total += valueBins[f] + (hasMissing[f] ? 1 : 0)
        }
        self.offsets = offsets
        totalBins = total
    }

    /// Bin count of a feature including its missing bin.
    func binCount(_ feature: Int) -> Int { valueBins[feature] + (missingCode[feature] < 256 ? 1 : 0) }

    /// Quantile edges of sorted values: every distinct value its own bin when they fit, else
    /// bins of about equal counts, a frequent value alone in its bin. Edges sit halfway between
    /// neighbouring values so unseen values in a gap split evenly.
    static func edges(sortedValues v: [Double], maxBins: Int) -> [Double] {
        guard let first = v.first, let last = v.last else { return [0] }
        var distinct: [Double] = [first]
        var counts: [Int] = [0]
        for value in v {
            if value == distinct[distinct.count - 1] {
                counts[counts.count - 1] += 1
            } else {
                distinct.append(value)
                counts.append(1)
            }
        }
        var edges: [Double] = []
        if distinct.count <= maxBins {
            for i in 0..<(distinct.count - 1) { edges.append(midpoint(distinct[i], distinct[i + 1])) }
        } else {
            var remaining = v.count
            var binsLeft = maxBins
            var filled = 0
            for i in 0..<(distinct.count - 1) where binsLeft > 1 {
                filled += counts[i]
                remaining -= counts[i]
                let target = Double(remaining + filled) / Double(binsLeft)
                // Close the bin once it holds its share, or before a value that deserves its own.
                if Double(filled) >= target || Double(counts[i + 1]) >= target {
                    edges.append(midpoint(distinct[i], distinct[i + 1]))
                    filled = 0
                    binsLeft -= 1
                }
            }
        }
        edges.append(last.isFinite ? last : (edges.last ?? 0))
        return edges
    }

    /// Finite and infinite doubles (no NaN) in ascending order, by an LSD radix sort on keys
    /// that order like the doubles: several times faster than a comparison sort here.
    static func radixSorted(_ values: [Double]) -> [Double] {
        let n = values.count
        guard n > 64 else { return values.sorted() }
        var keys = values.map { v -> UInt64 in
            // -0.0 and 0.0 are equal values; give them one key.
            let bits = (v == 0 ? 0.0 : v).bitPattern
            return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        }
        var other = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 2048)
        for pass in 0..<6 {
            let shift = UInt64(pass * 11)
            for i in 0..<2048 { counts[i] = 0 }
            for k in keys { counts[Int((k >> shift) & 2047)] += 1 }
            var total = 0
            for i in 0..<2048 {
                let c = counts[i]
                counts[i] = total
                total += c
            }
            for k in keys {
                let d = Int((k >> shift) & 2047)
                other[counts[d]] = k
                counts[d] += 1
            }
            swap(&keys, &other)
        }
        return keys.map { k in
            Double(bitPattern: k & (1 << 63) != 0 ? k & ~(1 << 63) : ~k)
        }
    }

    /// Halfway between two values, kept finite so thresholds survive JSON.
    private static func midpoint(_ a: Double, _ b: Double) -> Double {
        let m = a + (b - a) / 2
        if m.isFinite { return m }
        return a.isFinite ? a : -Double.greatestFiniteMagnitude
    }
}
