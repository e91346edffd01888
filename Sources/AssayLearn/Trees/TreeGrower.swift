import Dispatch

/// Grows one tree on binned features from per-row sums (see `SplitScore`).
///
/// Nodes are split from histograms of their rows. When every split may use the same features,
/// only the smaller child's histogram is built and the larger one is the parent's minus it.
/// With a leaf cap, the open leaf with the largest gain splits next (LightGBM's leaf-wise
/// growth); without one, nodes split depth-first, which gives the same tree as level order
/// while keeping only one histogram per level alive. Row indices are partitioned in place,
/// stably, so each node's rows stay ascending and histogram reads run forward through memory.
struct TreeGrower {
    var data: BinnedFeatures
    var score: SplitScore
    var minLeaf: Double
    /// Nodes at this depth do not split (the root has depth 0).
    var maxDepth: Int
    var maxLeaves: Int
    /// Features drawn afresh for each split (forests); nil uses all of `features` everywhere.
    var featuresPerSplit: Int?
    /// Threads for one histogram; forests grow trees in parallel instead and pass 1.
    var threads: Int

    /// A grown tree and where its training rows ended up.
    struct Grown {
        var tree: Tree
        /// Split positions in bins (`code <= bin` goes left), to route rows a tree did not see.
        var binThreshold: [Int]
        /// Rows partitioned by node: node `i` holds `rows[start[i] ..< start[i] + count[i]]`.
        var rows: [Int32]
        var start: [Int]
        var count: [Int]
    }

    private struct Split {
        var feature = -1
        var bin = 0
        var missingLeft = false
        var gain = 0.0
        var left: [Double]
    }

    private struct Open {
        var node: Int
        var start: Int
        var count: Int
        var depth: Int
        var sums: [Double]
        var histogram: Int?
        var split: Split
    }

    /// Grows a tree on `rows` (ascending) with `stats` (rows of the whole data × stride).
    func grow(rows initialRows: [Int32], stats: [Double], features: [Int], rng: inout SplitMix, outputIndex: Int = 0) -> Grown {
        let stride = score.stride
        let featureCount = data.featureCount
        var rows = initialRows
        var scratch = [Int32](repeating: 0, count: rows.count)
        var tree = Tree(outputs: score.outputs, outputIndex: outputIndex)
        var binThreshold: [Int] = []
        var nodeStart: [Int] = []
        var nodeCount: [Int] = []
        let histogramSize = data.totalBins * stride
        let subtraction = featuresPerSplit == nil
        var pool = HistogramPool(size: histogramSize)
        defer { pool.release() }

        data.codes.withUnsafeBufferPointer { codeBuffer in
        stats.withUnsafeBufferPointer { statBuffer in
        data.offsets.withUnsafeBufferPointer { offsetBuffer in
            let codes = codeBuffer.baseAddress!, stat = statBuffer.baseAddress!, offsets = offsetBuffer.baseAddress!
            let binCounts = (0..<featureCount).map { data.binCount($0) }
            let sums = UnsafeMutablePointer<Double>.allocate(capacity: 3 * stride)
            defer { sums.deallocate() }

            func addNode(_ s: [Double], start: Int, count: Int) -> Int {
                let node = s.withUnsafeBufferPointer { tree.addNode(value: score.value($0.baseAddress!), cover: score.cover($0.baseAddress!)) }
                binThreshold.append(-1)
                nodeStart.append(start)
                nodeCount.append(count)
                return node
            }

            let ordered = UnsafeMutablePointer<Double>.allocate(capacity: max(1, rows.count * stride))
            defer { ordered.deallocate() }
            // The bins each feature's last histogram filled; outside them a narrow histogram holds garbage.
            let lowest = UnsafeMutablePointer<Int>.allocate(capacity: max(1, featureCount))
            let highest = UnsafeMutablePointer<Int>.allocate(capacity: max(1, featureCount))
            defer {
                lowest.deallocate()
                highest.deallocate()
            }
            func build(_ hist: UnsafeMutablePointer<Double>, start: Int, count: Int, features: [Int]) {
                rows.withUnsafeBufferPointer { rowBuffer in
                    let nodeRows = rowBuffer.baseAddress! + start
                    // The node's statistics in row order, so the per-feature loops read them forward.
                    if stride == 3 {
                        for i in 0..<count {
                            let from = stat + Int(nodeRows[i]) * 3
                            ordered[3 * i] = from[0]
                            ordered[3 * i + 1] = from[1]
                            ordered[3 * i + 2] = from[2]
                        }
                    } else if stride == 2 {
                        for i in 0..<count {
                            let from = stat + Int(nodeRows[i]) * 2
                            ordered[2 * i] = from[0]
                            ordered[2 * i + 1] = from[1]
                        }
                    } else {
                        for i in 0..<count {
                            let from = stat + Int(nodeRows[i]) * stride, to = ordered + i * stride
                            for j in 0..<stride { to[j] = from[j] }
                        }
                    }
                    Histogram.build(
                        hist, rows: nodeRows, count: count, codes: codes, dataRows: data.rows,
                        stats: ordered, stride: stride, offsets: offsets, binCounts: binCounts, features: features, threads: threads,
                        narrow: !subtraction, lowest: lowest, highest: highest)
                }
            }

            func bestSplit(_ hist: UnsafePointer<Double>, sums parent: [Double], rows nodeRows: Int, features: [Int]) -> Split {
                var best = Split(left: [])
                if case .gradient(let l2, _) = score {
                    return bestGradientSplit(hist, sums: parent, rows: nodeRows, features: features, l2: l2)
                }
                if case .gini(classes: 2) = score {
                    return bestBinaryGiniSplit(hist, sums: parent, features: features)
                }
                parent.withUnsafeBufferPointer { p in
                    let parentSums = p.baseAddress!
                    let left = sums, right = sums + stride, withMissing = sums + 2 * stride
                    let parentTerm = score.term(parentSums)
                    let w = score.weightIndex
                    let rowsPerWeight = parentSums[w] > 0 ? Double(nodeRows) / parentSums[w] : 0
                    func consider(_ l: UnsafeMutablePointer<Double>, feature: Int, bin: Int, missingLeft: Bool?) {
                        for j in 0..<stride { right[j] = parentSums[j] - l[j] }
                        guard score.allows(l, minLeaf: minLeaf, rowsPerWeight: rowsPerWeight),
                              score.allows(right, minLeaf: minLeaf, rowsPerWeight: rowsPerWeight) else { return }
                        let gain = score.term(l) + score.term(right) - parentTerm
                        guard gain > best.gain else { return }
                        best.feature = feature
                        best.bin = bin
                        // Without missing rows here, unseen missing values follow the majority.
                        best.missingLeft = missingLeft ?? (l[w] >= right[w])
                        best.gain = gain
                        best.left = Array(UnsafeBufferPointer(start: l, count: stride))
                    }
                    for f in features {
                        let base = hist + offsets[f] * stride
                        let valueBins = data.valueBins[f]
                        let missing = highest[f] >= valueBins ? base + valueBins * stride : nil
                        let missingWeight = missing?[w] ?? 0
                        for j in 0..<stride { left[j] = 0 }
                        // With missing rows, "all values left, missing right" is a split too.
                        let lastBin = min(missingWeight > 0 ? valueBins - 1 : valueBins - 2, highest[f])
                        guard lowest[f] <= lastBin else { continue }
                        for k in lowest[f]...lastBin {
                            let bin = base + k * stride
                            // An empty bin repeats the previous candidate.
                            if bin[w] == 0 && k > 0 { continue }
                            for j in 0..<stride { left[j] += bin[j] }
                            if let missing, missingWeight > 0 {
                                consider(left, feature: f, bin: k, missingLeft: false)
                                if k < valueBins - 1 {
                                    for j in 0..<stride { withMissing[j] = left[j] + missing[j] }
                                    consider(withMissing, feature: f, bin: k, missingLeft: true)
                                }
                            } else {
                                consider(left, feature: f, bin: k, missingLeft: nil)
                            }
                        }
                    }
                }
                return best
            }

            // The same scan as `bestSplit` on `[g, h]` bins with the arithmetic written out:
            // boosting spends most of its split search here.
            func bestGradientSplit(_ hist: UnsafePointer<Double>, sums parent: [Double], rows nodeRows: Int, features: [Int], l2: Double) -> Split {
                var best = Split(left: [])
                let g = parent[0], h = parent[1]
                let parentTerm = g * g / (h + l2)
                // A side needs `rounded(h · rows / H) >= minLeaf` estimated rows and the minimum hessian.
                let minHessian = max(SplitScore.minHessian, h > 0 ? (minLeaf - 0.5) * h / Double(nodeRows) : 0)
                var bestGain = 0.0, bestFeature = -1, bestBin = 0, bestMissingLeft = false, bestG = 0.0, bestH = 0.0
                for f in features {
                    let base = hist + offsets[f] * 2
                    let valueBins = data.valueBins[f]
                    let hasMissing = highest[f] >= valueBins
                    let mg = hasMissing ? base[valueBins * 2] : 0, mh = hasMissing ? base[valueBins * 2 + 1] : 0
                    let lastBin = min(mh > 0 ? valueBins - 1 : valueBins - 2, highest[f])
                    guard lowest[f] <= lastBin else { continue }
                    var gl = 0.0, hl = 0.0
                    for k in lowest[f]...lastBin {
                        let bh = base[2 * k + 1]
                        if bh == 0 && k > 0 { continue }
                        gl += base[2 * k]
                        hl += bh
                        // Missing right (or absent).
                        var gr = g - gl, hr = h - hl
                        if hl >= minHessian && hr >= minHessian {
                            let gain = gl * gl / (hl + l2) + gr * gr / (hr + l2) - parentTerm
                            if gain > bestGain {
                                bestGain = gain; bestFeature = f; bestBin = k; bestG = gl; bestH = hl
                                // Without missing rows here, unseen missing values follow the larger side.
                                bestMissingLeft = mh > 0 ? false : hl >= hr
                            }
                        }
                        if mh > 0 && k < valueBins - 1 {
                            let gm = gl + mg, hm = hl + mh
                            gr = g - gm
                            hr = h - hm
                            if hm >= minHessian && hr >= minHessian {
                                let gain = gm * gm / (hm + l2) + gr * gr / (hr + l2) - parentTerm
                                if gain > bestGain {
                                    bestGain = gain; bestFeature = f; bestBin = k; bestG = gm; bestH = hm; bestMissingLeft = true
                                }
                            }
                        }
                    }
                }
                if bestFeature >= 0 {
                    best = Split(feature: bestFeature, bin: bestBin, missingLeft: bestMissingLeft, gain: bestGain, left: [bestG, bestH])
                }
                return best
            }

            // The same scan for two-class gini on `[w, c0, c1]` bins, the forest's usual case.
            func bestBinaryGiniSplit(_ hist: UnsafePointer<Double>, sums parent: [Double], features: [Int]) -> Split {
                let w = parent[0], c0 = parent[1], c1 = parent[2]
                guard w > 0 else { return Split(left: []) }
                let parentTerm = (c0 * c0 + c1 * c1) / w
                var bestGain = 0.0, bestFeature = -1, bestBin = 0, bestMissingLeft = false
                var best0 = 0.0, best1 = 0.0, bestW = 0.0
                @inline(__always) func consider(_ lw: Double, _ l0: Double, _ l1: Double, _ f: Int, _ k: Int, _ missingLeft: Bool?) {
                    let rw = w - lw
                    guard lw >= minLeaf && rw >= minLeaf else { return }
                    let r0 = c0 - l0, r1 = c1 - l1
                    let gain = (l0 * l0 + l1 * l1) / lw + (r0 * r0 + r1 * r1) / rw - parentTerm
                    guard gain > bestGain else { return }
                    bestGain = gain; bestFeature = f; bestBin = k; bestW = lw; best0 = l0; best1 = l1
                    bestMissingLeft = missingLeft ?? (lw >= rw)
                }
                for f in features {
                    let base = hist + offsets[f] * 3
                    let valueBins = data.valueBins[f]
                    let m = highest[f] >= valueBins ? base + valueBins * 3 : nil
                    let mw = m?[0] ?? 0
                    let lastBin = min(mw > 0 ? valueBins - 1 : valueBins - 2, highest[f])
                    guard lowest[f] <= lastBin else { continue }
                    var lw = 0.0, l0 = 0.0, l1 = 0.0
                    for k in lowest[f]...lastBin {
                        let bin = base + 3 * k
                        if bin[0] == 0 && k > 0 { continue }
                        lw += bin[0]
                        l0 += bin[1]
                        l1 += bin[2]
                        if let m, mw > 0 {
                            consider(lw, l0, l1, f, k, false)
                            if k < valueBins - 1 { consider(lw + mw, l0 + m[1], l1 + m[2], f, k, true) }
                        } else {
                            consider(lw, l0, l1, f, k, nil)
                        }
                    }
                }
                guard bestFeature >= 0 else { return Split(left: []) }
                return Split(feature: bestFeature, bin: bestBin, missingLeft: bestMissingLeft, gain: bestGain, left: [bestW, best0, best1])
            }

            func canSplit(count: Int, depth: Int) -> Bool {
                depth < maxDepth && Double(count) >= 2 * minLeaf && count >= 2
            }

            func splitFeatures() -> [Int] {
                guard let m = featuresPerSplit else { return features }
                return rng.sample(m, of: features.count).map { features[$0] }
            }

            // Root.
            var rootSums = [Double](repeating: 0, count: stride)
            for r in rows { for j in 0..<stride { rootSums[j] += stat[Int(r) * stride + j] } }
            let root = addNode(rootSums, start: 0, count: rows.count)
            var open: [Open] = []
            if canSplit(count: rows.count, depth: 0) {
                let slot = pool.acquire()
                let chosen = splitFeatures()
                build(pool[slot], start: 0, count: rows.count, features: chosen)
                let split = bestSplit(pool[slot], sums: rootSums, rows: rows.count, features: chosen)
                if split.feature >= 0 {
                    open.append(Open(node: root, start: 0, count: rows.count, depth: 0, sums: rootSums, histogram: subtraction ? slot : nil, split: split))
                }
                if !subtraction || split.feature < 0 { pool.put(slot) }
            }

            var leaves = 1
            while leaves < maxLeaves, !open.isEmpty {
                let pick: Int
                if maxLeaves == Int.max {
                    pick = open.count - 1
                } else {
                    var top = 0
                    for i in 1..<open.count where open[i].split.gain > open[top].split.gain { top = i }
                    pick = top
                }
                let parent = open.remove(at: pick)
                let split = parent.split
                leaves += 1

                // Partition the parent's rows, left ones first, keeping order.
                let featureMissing = data.missingCode[split.feature]
                var leftCount = 0
                rows.withUnsafeMutableBufferPointer { rowBuffer in
                    scratch.withUnsafeMutableBufferPointer { scratchBuffer in
                        let r = rowBuffer.baseAddress! + parent.start, s = scratchBuffer.baseAddress!
                        let splitCodes = codes + split.feature * data.rows
                        var rightCount = 0
                        for i in 0..<parent.count {
                            let row = r[i]
                            let code = Int(splitCodes[Int(row)])
                            if code <= split.bin || (code == featureMissing && split.missingLeft) {
                                r[leftCount] = row
                                leftCount += 1
                            } else {
                                s[rightCount] = row
                                rightCount += 1
                            }
                        }
                        (r + leftCount).update(from: s, count: rightCount)
                    }
                }
                let rightCount = parent.count - leftCount
                let leftSums = split.left
                let rightSums = (0..<stride).map { parent.sums[$0] - leftSums[$0] }
                let leftNode = addNode(leftSums, start: parent.start, count: leftCount)
                let rightNode = addNode(rightSums, start: parent.start + leftCount, count: rightCount)
                tree.feature[parent.node] = Int32(split.feature)
                tree.threshold[parent.node] = data.edges[split.feature][split.bin]
                tree.left[parent.node] = Int32(leftNode)
                tree.right[parent.node] = Int32(rightNode)
                tree.missingGoesLeft[parent.node] = split.missingLeft
                tree.gain[parent.node] = split.gain
                binThreshold[parent.node] = split.bin

                let depth = parent.depth + 1
                var children = [
                    (node: leftNode, start: parent.start, count: leftCount, sums: leftSums),
                    (node: rightNode, start: parent.start + leftCount, count: rightCount, sums: rightSums),
                ]
                let splittable = children.map { canSplit(count: $0.count, depth: depth) }
                var histograms: [Int?] = [nil, nil]
                if subtraction, let parentSlot = parent.histogram {
                    if splittable[0] || splittable[1] {
                        let small = leftCount <= rightCount ? 0 : 1
                        let slot = pool.acquire()
                        build(pool[slot], start: children[small].start, count: children[small].count, features: features)
                        histograms[small] = slot
                        if splittable[1 - small] {
                            Histogram.subtract(pool[slot], from: pool[parentSlot], offsets: offsets, binCounts: binCounts, stride: stride, features: features)
                            histograms[1 - small] = parentSlot
                        } else {
                            pool.put(parentSlot)
                        }
                    } else {
                        pool.put(parentSlot)
                    }
                }
                var found: [Open] = []
                for c in 0..<2 where splittable[c] {
                    let child = children[c]
                    let slot: Int
                    let chosen: [Int]
                    if let h = histograms[c] {
                        slot = h
                        chosen = features
                    } else {
                        slot = pool.acquire()
                        chosen = splitFeatures()
                        build(pool[slot], start: child.start, count: child.count, features: chosen)
                    }
                    let childSplit = bestSplit(pool[slot], sums: child.sums, rows: child.count, features: chosen)
                    if childSplit.feature >= 0 {
                        found.append(Open(node: child.node, start: child.start, count: child.count, depth: depth, sums: child.sums, histogram: subtraction ? slot : nil, split: childSplit))
                        histograms[c] = nil
                    }
                    if !subtraction || childSplit.feature < 0 { pool.put(slot) }
                    histograms[c] = nil
                }
                for c in 0..<2 { if let h = histograms[c] { pool.put(h) } }
                children.removeAll()
                open.append(contentsOf: found)
            }
            for node in open { if let h = node.histogram { pool.put(h) } }
        }
        }
        }
        return Grown(tree: tree, binThreshold: binThreshold, rows: rows, start: nodeStart, count: nodeCount)
    }
}

/// Histogram buffers reused across the nodes of one tree.
struct HistogramPool {
    let size: Int
    private var buffers: [UnsafeMutablePointer<Double>] = []
    private var free: [Int] = []

    init(size: Int) { self.size = max(size, 1) }

    subscript(slot: Int) -> UnsafeMutablePointer<Double> { buffers[slot] }

    mutating func acquire() -> Int {
        if let slot = free.popLast() { return slot }
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: size)
        buffer.initialize(repeating: 0, count: size)
        buffers.append(buffer)
        return buffers.count - 1
    }

    mutating func put(_ slot: Int) { free.append(slot) }

    func release() { for b in buffers { b.deallocate() } }
}

/// The hot loops: summing row statistics into bins, and a child's bins out of its parent's.
enum Histogram {
    /// Rows × features below which one thread builds the histogram alone.
    static let parallelWork = 1 << 17

    static func build(
        _ hist: UnsafeMutablePointer<Double>, rows: UnsafePointer<Int32>, count: Int, codes: UnsafePointer<UInt8>,
        dataRows: Int, stats: UnsafePointer<Double>, stride: Int, offsets: UnsafePointer<Int>, binCounts: [Int],
        features: [Int], threads: Int, narrow: Bool, lowest: UnsafeMutablePointer<Int>, highest: UnsafeMutablePointer<Int>
    ) {
        let workers = count * features.count >= parallelWork ? max(1, min(threads, features.count)) : 1
        // Each worker owns whole features, so sums are added in row order whatever the threads.
        features.withUnsafeBufferPointer { featureBuffer in
            let feature = featureBuffer.baseAddress!
            let featureCount = featureBuffer.count
            TreeThreads.run(workers) { worker in
                for j in (featureCount * worker / workers)..<(featureCount * (worker + 1) / workers) {
                    let f = feature[j]
                    let column = codes + f * dataRows
                    // A small node touches few bins: find them first and clear and scan only those.
                    var lo = 0, hi = binCounts[f] - 1
                    if narrow {
                        lo = 255
                        hi = 0
                        for i in 0..<count {
                            let c = Int(column[Int(rows[i])])
                            lo = min(lo, c)
                            hi = max(hi, c)
                        }
                    }
                    lowest[f] = lo
                    highest[f] = hi
                    let h = hist + offsets[f] * stride
                    (h + lo * stride).update(repeating: 0, count: (hi - lo + 1) * stride)
                    switch stride {
                    case 3:
                        for i in 0..<count {
                            let p = h + Int(column[Int(rows[i])]) * 3, s = stats + i * 3
                            p[0] += s[0]
                            p[1] += s[1]
                            p[2] += s[2]
                        }
                    case 2:
                        // One 16-byte add per row: `[g, h]` as a pair.
                        h.withMemoryRebound(to: SIMD2<Double>.self, capacity: hi + 1) { pairs in
                            stats.withMemoryRebound(to: SIMD2<Double>.self, capacity: count) { s in
                                for i in 0..<count { pairs[Int(column[Int(rows[i])])] += s[i] }
                            }
                        }
                    default:
                        for i in 0..<count {
                            let p = h + Int(column[Int(rows[i])]) * stride, s = stats + i * stride
                            for k in 0..<stride { p[k] += s[k] }
                        }
                    }
                }
            }
        }
    }

    /// `parent -= child` over the given features; `parent` then holds the sibling's bins.
    static func subtract(
        _ child: UnsafePointer<Double>, from parent: UnsafeMutablePointer<Double>, offsets: UnsafePointer<Int>,
        binCounts: [Int], stride: Int, features: [Int]
    ) {
        for f in features {
            let start = offsets[f] * stride
            for i in start..<(start + binCounts[f] * stride) { parent[i] -= child[i] }
        }
    }
}
