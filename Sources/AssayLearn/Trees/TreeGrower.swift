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
            let workers = max(1, threads)
            // Scratch sums for the generic split scan, `3 * stride` numbers a worker.
            let scratchSums = UnsafeMutablePointer<Double>.allocate(capacity: 3 * stride * workers)
            defer { scratchSums.deallocate() }

            func addNode(_ s: [Double], start: Int, count: Int) -> Int {
                let node = s.withUnsafeBufferPointer { tree.addNode(value: score.value($0.baseAddress!), cover: score.cover($0.baseAddress!)) }
                binThreshold.append(-1)
                nodeStart.append(start)
                nodeCount.append(count)
                return node
            }

            // Boosting's `[g, h]` (stride 2, every feature at every split) is gathered as single-precision
            // pairs, as LightGBM keeps its gradients: half the bytes for every pass over a node's
            // rows, while the bins still add in double precision.
            let compact = stride == 2 && subtraction
            let ordered = UnsafeMutablePointer<Double>.allocate(capacity: compact ? 1 : max(1, rows.count * stride))
            defer { ordered.deallocate() }
            let orderedPairs = UnsafeMutablePointer<SIMD2<Float>>.allocate(capacity: compact ? max(1, rows.count) : 1)
            defer { orderedPairs.deallocate() }
            // The bins each feature's last histogram filled; outside them a narrow histogram holds garbage.
            let lowest = UnsafeMutablePointer<Int>.allocate(capacity: max(1, featureCount))
            let highest = UnsafeMutablePointer<Int>.allocate(capacity: max(1, featureCount))
            defer {
                lowest.deallocate()
                highest.deallocate()
            }
            // The node's statistics in row order, so the per-feature loops read them forward.
            func gather(start: Int, count: Int, everyRow: Bool) {
                rows.withUnsafeBufferPointer { rowBuffer in
                    let nodeRows = rowBuffer.baseAddress! + start
                    TreeThreads.chunks(count, workers: count >= TreeThreads.parallelRows ? workers : 1) { range in
                        if compact {
                            stat.withMemoryRebound(to: SIMD2<Double>.self, capacity: data.rows) { pairs in
                                if everyRow {
                                    for i in range { orderedPairs[i] = SIMD2<Float>(pairs[i]) }
                                } else {
                                    for i in range { orderedPairs[i] = SIMD2<Float>(pairs[Int(nodeRows[i])]) }
                                }
                            }
                        } else if stride == 2 {
                            for i in range {
                                let from = stat + Int(nodeRows[i]) * 2
                                ordered[2 * i] = from[0]
                                ordered[2 * i + 1] = from[1]
                            }
                        } else {
                            for i in range {
                                let from = stat + Int(nodeRows[i]) * stride, to = ordered + i * stride
                                for j in 0..<stride { to[j] = from[j] }
                            }
                        }
                    }
                }
            }

            /// A child whose histogram comes from its parent's minus its sibling's.
            struct Sibling {
                var parent: UnsafeMutablePointer<Double>
                var count: Int
                var sums: [Double]
                var scan: Bool
            }

            // Builds a node's histogram over `chosen` and, for a sibling, turns the parent's
            // histogram into the sibling's, then finds both best splits. Each thread takes a
            // run of whole features through all of it, so sums and ties come out as one thread
            // would find them, and the threads meet once a node.
            func evaluate(
                _ hist: UnsafeMutablePointer<Double>, start: Int, count: Int, sums nodeSums: [Double], scan: Bool,
                features chosen: [Int], sibling: Sibling?
            ) -> (node: Split, sibling: Split) {
                // A node of every row (boosting's root) reads the statistics and codes in place.
                let everyRow = count == data.rows
                if !everyRow || compact { gather(start: start, count: count, everyRow: everyRow) }
                let nodeStats = everyRow ? stat : UnsafePointer(ordered)
                let scans = (scan ? 1 : 0) + (sibling?.scan == true ? 1 : 0)
                let work = chosen.count * (count + 512 * scans)
                let used = work >= Histogram.parallelWork ? min(workers, chosen.count) : 1
                var found = [(node: Split, sibling: Split)](repeating: (Split(left: []), Split(left: [])), count: used)
                rows.withUnsafeBufferPointer { rowBuffer in
                    found.withUnsafeMutableBufferPointer { foundBuffer in
                        let nodeRows = rowBuffer.baseAddress! + start
                        let out = foundBuffer.baseAddress!
                        TreeThreads.run(used) { worker in
                            let share = chosen[(chosen.count * worker / used)..<(chosen.count * (worker + 1) / used)]
                            let nodeRowsOrNil = everyRow ? nil : UnsafePointer(nodeRows)
                            // `[g, h]` rows fill four features a pass, reading the statistics once for them.
                            var grouped = share.startIndex
                            if compact {
                                while grouped + 4 <= share.endIndex {
                                    Histogram.fillFour(
                                        hist, features: (share[grouped], share[grouped + 1], share[grouped + 2], share[grouped + 3]),
                                        rows: nodeRowsOrNil, count: count, codes: codes, dataRows: data.rows, stats: orderedPairs,
                                        offsets: offsets, binCounts: binCounts, lowest: lowest, highest: highest)
                                    grouped += 4
                                }
                                while grouped < share.endIndex {
                                    Histogram.fillPairs(
                                        hist, feature: share[grouped], rows: nodeRowsOrNil, count: count, codes: codes, dataRows: data.rows,
                                        stats: orderedPairs, offset: offsets[share[grouped]], binCount: binCounts[share[grouped]],
                                        lowest: lowest, highest: highest)
                                    grouped += 1
                                }
                            }
                            for f in share[grouped...] {
                                Histogram.fill(
                                    hist, feature: f, rows: nodeRowsOrNil, count: count, codes: codes, dataRows: data.rows, stats: nodeStats,
                                    stride: stride, offset: offsets[f], binCount: binCounts[f], narrow: !subtraction,
                                    lowest: lowest, highest: highest)
                            }
                            for f in share {
                                if let sibling {
                                    Histogram.subtract(hist, from: sibling.parent, start: offsets[f] * stride, count: binCounts[f] * stride)
                                }
                            }
                            let scratch = scratchSums + 3 * stride * worker
                            if scan {
                                out[worker].node = bestSplit(hist, sums: nodeSums, rows: count, features: share, scratch: scratch)
                            }
                            if let sibling, sibling.scan {
                                out[worker].sibling = bestSplit(sibling.parent, sums: sibling.sums, rows: sibling.count, features: share, scratch: scratch)
                            }
                        }
                    }
                }
                // Later features win only with a strictly larger gain, as in one scan.
                var best = found[0]
                for result in found.dropFirst() {
                    if result.node.gain > best.node.gain { best.node = result.node }
                    if result.sibling.gain > best.sibling.gain { best.sibling = result.sibling }
                }
                return best
            }

            func bestSplit(_ hist: UnsafePointer<Double>, sums parent: [Double], rows nodeRows: Int, features: ArraySlice<Int>, scratch sums: UnsafeMutablePointer<Double>) -> Split {
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
            func bestGradientSplit(_ hist: UnsafePointer<Double>, sums parent: [Double], rows nodeRows: Int, features: ArraySlice<Int>, l2: Double) -> Split {
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
            func bestBinaryGiniSplit(_ hist: UnsafePointer<Double>, sums parent: [Double], features: ArraySlice<Int>) -> Split {
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
                let split = evaluate(pool[slot], start: 0, count: rows.count, sums: rootSums, scan: true, features: chosen, sibling: nil).node
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
                let leftCount = rows.withUnsafeMutableBufferPointer { rowBuffer in
                    scratch.withUnsafeMutableBufferPointer { scratchBuffer in
                        Self.partition(
                            rowBuffer.baseAddress! + parent.start, count: parent.count, codes: codes + split.feature * data.rows,
                            bin: split.bin, missingCode: featureMissing, missingLeft: split.missingLeft,
                            scratch: scratchBuffer.baseAddress!, workers: parent.count >= 2 * TreeThreads.parallelRows ? workers : 1)
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
                let children = [
                    (node: leftNode, start: parent.start, count: leftCount, sums: leftSums),
                    (node: rightNode, start: parent.start + leftCount, count: rightCount, sums: rightSums),
                ]
                let splittable = children.map { canSplit(count: $0.count, depth: depth) }
                var found: [Open] = []
                if subtraction, let parentSlot = parent.histogram {
                    if splittable[0] || splittable[1] {
                        let small = leftCount <= rightCount ? 0 : 1, large = 1 - small
                        let slot = pool.acquire()
                        let sibling = splittable[large]
                            ? Sibling(parent: pool[parentSlot], count: children[large].count, sums: children[large].sums, scan: true) : nil
                        let splits = evaluate(
                            pool[slot], start: children[small].start, count: children[small].count, sums: children[small].sums,
                            scan: splittable[small], features: features, sibling: sibling)
                        if !splittable[large] { pool.put(parentSlot) }
                        // The left child opens first whichever was built, as in a scan of both.
                        let outcomes = small == 0
                            ? [(splittable[0], slot, splits.node), (splittable[1], parentSlot, splits.sibling)]
                            : [(splittable[0], parentSlot, splits.sibling), (splittable[1], slot, splits.node)]
                        for (c, (kept, childSlot, childSplit)) in outcomes.enumerated() where kept || c == small {
                            if kept && childSplit.feature >= 0 {
                                let child = children[c]
                                found.append(Open(node: child.node, start: child.start, count: child.count, depth: depth, sums: child.sums, histogram: childSlot, split: childSplit))
                            } else {
                                pool.put(childSlot)
                            }
                        }
                    } else {
                        pool.put(parentSlot)
                    }
                } else {
                    for c in 0..<2 where splittable[c] {
                        let child = children[c]
                        let slot = pool.acquire()
                        let childSplit = evaluate(
                            pool[slot], start: child.start, count: child.count, sums: child.sums, scan: true,
                            features: splitFeatures(), sibling: nil).node
                        if childSplit.feature >= 0 {
                            found.append(Open(node: child.node, start: child.start, count: child.count, depth: depth, sums: child.sums, histogram: nil, split: childSplit))
                        }
                        pool.put(slot)
                    }
                }
                open.append(contentsOf: found)
            }
            for node in open { if let h = node.histogram { pool.put(h) } }
        }
        }
        }
        return Grown(tree: tree, binThreshold: binThreshold, rows: rows, start: nodeStart, count: nodeCount)
    }
}

extension TreeGrower {
    /// Moves the rows going left (`code <= bin`, or missing and `missingLeft`) before the others,
    /// both in their old order, and returns how many go left. Each worker splits a run of the
    /// rows, left ones in place and right ones into `scratch`; the runs are then joined in order.
    static func partition(
        _ rows: UnsafeMutablePointer<Int32>, count: Int, codes: UnsafePointer<UInt8>, bin: Int, missingCode: Int,
        missingLeft: Bool, scratch: UnsafeMutablePointer<Int32>, workers: Int
    ) -> Int {
        let used = max(1, min(workers, count))
        var lefts = [Int](repeating: 0, count: used)
        lefts.withUnsafeMutableBufferPointer { leftBuffer in
            let leftOut = leftBuffer.baseAddress!
            TreeThreads.run(used) { worker in
                let start = count * worker / used, end = count * (worker + 1) / used
                let r = rows + start, s = scratch + start
                var left = 0, right = 0
                for i in 0..<(end - start) {
                    let row = r[i]
                    let code = Int(codes[Int(row)])
                    if code <= bin || (code == missingCode && missingLeft) {
                        r[left] = row
                        left += 1
                    } else {
                        s[right] = row
                        right += 1
                    }
                }
                leftOut[worker] = left
            }
        }
        // Left runs move down in order (each lands below every later run), then the right runs follow.
        var leftTotal = 0
        for worker in 0..<used {
            let start = count * worker / used
            if leftTotal != start { (rows + leftTotal).update(from: rows + start, count: lefts[worker]) }
            leftTotal += lefts[worker]
        }
        var at = leftTotal
        for worker in 0..<used {
            let start = count * worker / used, end = count * (worker + 1) / used
            let right = end - start - lefts[worker]
            (rows + at).update(from: scratch + start, count: right)
            at += right
        }
        return leftTotal
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
    /// Bin additions and split candidates below which one thread evaluates a node alone:
    /// waking the other threads costs about as much.
    static let parallelWork = 1 << 15

    /// Fills one feature's bins from a node's rows; `stats` are the rows' statistics in the
    /// node's order. A narrow fill clears and fills only the bins the rows touch. Without
    /// `rows`, the node is every row in order.
    @inline(__always)
    static func fill(
        _ hist: UnsafeMutablePointer<Double>, feature f: Int, rows: UnsafePointer<Int32>?, count: Int, codes: UnsafePointer<UInt8>,
        dataRows: Int, stats: UnsafePointer<Double>, stride: Int, offset: Int, binCount: Int, narrow: Bool,
        lowest: UnsafeMutablePointer<Int>, highest: UnsafeMutablePointer<Int>
    ) {
        let column = codes + f * dataRows
        // A small node touches few bins: find them first and clear and scan only those.
        var lo = 0, hi = binCount - 1
        if narrow {
            lo = 255
            hi = 0
            for i in 0..<count {
                let c = Int(column[rows.map { Int($0[i]) } ?? i])
                lo = min(lo, c)
                hi = max(hi, c)
            }
        }
        lowest[f] = lo
        highest[f] = hi
        let h = hist + offset * stride
        (h + lo * stride).update(repeating: 0, count: (hi - lo + 1) * stride)
        switch stride {
        case 3:
            for i in 0..<count {
                let p = h + Int(column[rows.map { Int($0[i]) } ?? i]) * 3, s = stats + i * 3
                p[0] += s[0]
                p[1] += s[1]
                p[2] += s[2]
            }
        case 2:
            // One 16-byte add per row: `[g, h]` as a pair.
            h.withMemoryRebound(to: SIMD2<Double>.self, capacity: hi + 1) { pairs in
                stats.withMemoryRebound(to: SIMD2<Double>.self, capacity: count) { s in
                    if let rows {
                        for i in 0..<count { pairs[Int(column[Int(rows[i])])] += s[i] }
                    } else {
                        for i in 0..<count { pairs[Int(column[i])] += s[i] }
                    }
                }
            }
        default:
            for i in 0..<count {
                let p = h + Int(column[rows.map { Int($0[i]) } ?? i]) * stride, s = stats + i * stride
                for k in 0..<stride { p[k] += s[k] }
            }
        }
    }

    /// Fills the `[g, h]` bins of four features (all their bins) in one pass over a node's rows,
    /// from single-precision pairs. Each bin still adds its rows in order, so the sums equal
    /// four single fills.
    static func fillFour(
        _ hist: UnsafeMutablePointer<Double>, features f: (Int, Int, Int, Int), rows: UnsafePointer<Int32>?, count: Int,
        codes: UnsafePointer<UInt8>, dataRows: Int, stats s: UnsafePointer<SIMD2<Float>>, offsets: UnsafePointer<Int>, binCounts: [Int],
        lowest: UnsafeMutablePointer<Int>, highest: UnsafeMutablePointer<Int>
    ) {
        for feature in [f.0, f.1, f.2, f.3] {
            lowest[feature] = 0
            highest[feature] = binCounts[feature] - 1
            (hist + offsets[feature] * 2).update(repeating: 0, count: binCounts[feature] * 2)
        }
        let c0 = codes + f.0 * dataRows, c1 = codes + f.1 * dataRows, c2 = codes + f.2 * dataRows, c3 = codes + f.3 * dataRows
        hist.withMemoryRebound(to: SIMD2<Double>.self, capacity: 1) { pairs in
            let h0 = pairs + offsets[f.0], h1 = pairs + offsets[f.1], h2 = pairs + offsets[f.2], h3 = pairs + offsets[f.3]
            if let rows {
                for i in 0..<count {
                    let r = Int(rows[i]), g = SIMD2<Double>(s[i])
                    h0[Int(c0[r])] += g
                    h1[Int(c1[r])] += g
                    h2[Int(c2[r])] += g
                    h3[Int(c3[r])] += g
                }
            } else {
                for i in 0..<count {
                    let g = SIMD2<Double>(s[i])
                    h0[Int(c0[i])] += g
                    h1[Int(c1[i])] += g
                    h2[Int(c2[i])] += g
                    h3[Int(c3[i])] += g
                }
            }
        }
    }

    /// Fills one feature's `[g, h]` bins (all of them) from single-precision pairs.
    static func fillPairs(
        _ hist: UnsafeMutablePointer<Double>, feature f: Int, rows: UnsafePointer<Int32>?, count: Int, codes: UnsafePointer<UInt8>,
        dataRows: Int, stats s: UnsafePointer<SIMD2<Float>>, offset: Int, binCount: Int,
        lowest: UnsafeMutablePointer<Int>, highest: UnsafeMutablePointer<Int>
    ) {
        lowest[f] = 0
        highest[f] = binCount - 1
        (hist + offset * 2).update(repeating: 0, count: binCount * 2)
        let column = codes + f * dataRows
        hist.withMemoryRebound(to: SIMD2<Double>.self, capacity: offset + binCount) { all in
            let pairs = all + offset
            if let rows {
                for i in 0..<count { pairs[Int(column[Int(rows[i])])] += SIMD2<Double>(s[i]) }
            } else {
                for i in 0..<count { pairs[Int(column[i])] += SIMD2<Double>(s[i]) }
            }
        }
    }

    /// `parent -= child` over `count` numbers from `start`; `parent` then holds the sibling's bins.
    @inline(__always)
    static func subtract(_ child: UnsafePointer<Double>, from parent: UnsafeMutablePointer<Double>, start: Int, count: Int) {
        for i in start..<(start + count) { parent[i] -= child[i] }
    }
}
