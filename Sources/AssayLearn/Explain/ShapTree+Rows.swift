extension ShapTree {
    /// Working memory for one thread's rows, sized once for the largest tree: nothing is
    /// allocated per row.
    struct Scratch {
        /// Per node: the bits of path features whose edges the row did not follow.
        var missed: UnsafeMutableBufferPointer<UInt64>
        /// Per node: 1 when the row goes left.
        var goesLeft: UnsafeMutableBufferPointer<UInt8>
        /// Per leaf and row of a block: the features the row follows, as bits of the leaf's slots.
        var patterns: UnsafeMutableBufferPointer<Int32>
        /// Per slot of a leaf evaluated per row, then the followed and missed slots.
        var followed: UnsafeMutableBufferPointer<UInt8>
        var hot: UnsafeMutableBufferPointer<Int>
        var cold: UnsafeMutableBufferPointer<Int>
        var polynomial: UnsafeMutableBufferPointer<Double>
        /// Per slot of a tabulated leaf: where its feature's value goes.
        var target: UnsafeMutableBufferPointer<Int>
        var prefix: UnsafeMutableBufferPointer<Double>
        var suffix: UnsafeMutableBufferPointer<Double>

        init(nodes: Int, depth: Int, rows: Int) {
            missed = .allocate(capacity: max(nodes, 1))
            patterns = .allocate(capacity: max(nodes, 1) * max(rows, 1))
            goesLeft = .allocate(capacity: max(nodes, 1))
            followed = .allocate(capacity: depth + 1)
            hot = .allocate(capacity: depth + 1)
            cold = .allocate(capacity: depth + 1)
            polynomial = .allocate(capacity: depth + 2)
            target = .allocate(capacity: ShapTree.deepestTable)
            prefix = .allocate(capacity: depth + 2)
            suffix = .allocate(capacity: depth + 2)
        }

        func deallocate() {
            missed.deallocate()
            patterns.deallocate()
            goesLeft.deallocate()
            followed.deallocate()
            hot.deallocate()
            cold.deallocate()
            polynomial.deallocate()
            target.deallocate()
            prefix.deallocate()
            suffix.deallocate()
        }
    }

    /// The tree's arrays as buffers, for the row loop.
    struct View {
        var splits: UnsafeBufferPointer<Node>
        var leaves: UnsafeBufferPointer<Leaf>
        var slotFeatures: UnsafeBufferPointer<Int32>
        var slotFractions: UnsafeBufferPointer<Double>
        var edges: UnsafeBufferPointer<Edge>
        var leafValues: UnsafeBufferPointer<Double>
        var offsets: UnsafeBufferPointer<Int>
        var entries: UnsafeBufferPointer<Double>
        var weights: UnsafeBufferPointer<Double>
        var outputs: Int
        var outputIndex: Int
    }

    func withView<R>(_ tables: Tables, weights: ShapleyWeights, _ body: (View) -> R) -> R {
        splits.withUnsafeBufferPointer { splits in
        leaves.withUnsafeBufferPointer { leaves in
        slotFeatures.withUnsafeBufferPointer { slotFeatures in
        slotFractions.withUnsafeBufferPointer { slotFractions in
        edges.withUnsafeBufferPointer { edges in
        leafValues.withUnsafeBufferPointer { leafValues in
        tables.offsets.withUnsafeBufferPointer { offsets in
        tables.entries.withUnsafeBufferPointer { entries in
        weights.withUnsafeBufferPointer { weights in
            body(View(
                splits: splits, leaves: leaves, slotFeatures: slotFeatures, slotFractions: slotFractions, edges: edges,
                leafValues: leafValues, offsets: offsets, entries: entries, weights: weights, outputs: outputs,
                outputIndex: outputIndex))
        }
        }
        }
        }
        }
        }
        }
        }
        }
    }
}

extension ShapTree.View {
    /// Adds this tree's SHAP values for `count` rows (`x`, row-major, features in model order)
    /// to `phi` (rows × features × `total` outputs).
    ///
    /// First each row finds every leaf's pattern in one pass over the nodes; then each
    /// tabulated leaf adds its rows' values. Leaf-major order keeps a leaf's table in L1 while
    /// the rows pass, and consecutive additions go to different rows, where row-major order
    /// would chain every addition to one feature's sum through memory.
    @inline(__always)
    func explain(_ x: UnsafePointer<Double>, count: Int, features: Int, into phi: UnsafeMutablePointer<Double>, outputs total: Int, scratch: ShapTree.Scratch) {
        let missed = scratch.missed, goesLeft = scratch.goesLeft, patterns = scratch.patterns
        let rowWidth = features * total
        // The loops below run per row, tree and leaf slot: wrapping arithmetic and masking
        // shifts, whose operands are small by construction, keep overflow checks out of them.
        var r = 0
        while r < count {
            let row = x + r &* features
            // A child's missed bits are its parent's, plus the parent's feature when the row
            // takes the other side.
            missed[0] = 0
            for node in splits {
                let v = row[Int(node.feature)]
                let left = v <= node.threshold || (v.isNaN && node.missingLeft)
                let above = missed[Int(node.index)]
                missed[Int(node.left)] = above | (left ? 0 : node.bit)
                missed[Int(node.right)] = above | (left ? node.bit : 0)
                goesLeft[Int(node.index)] = left ? 1 : 0
            }
            var index = 0
            while index < leaves.count {
                let leaf = leaves[index]
                if offsets[index] >= 0 {
                    // Tabulated leaves have at most `deepestTable` slots, so the bits fit.
                    let followed = ~missed[Int(leaf.node)] & ((1 &<< UInt64(truncatingIfNeeded: leaf.depth)) &- 1)
                    patterns[index &* count &+ r] = Int32(truncatingIfNeeded: followed)
                } else {
                    perRow(leaf, into: phi + r &* rowWidth, outputs: total, scratch: scratch)
                }
                index &+= 1
            }
            r &+= 1
        }
        let target = scratch.target
        for index in 0..<leaves.count where offsets[index] >= 0 {
            let leaf = leaves[index]
            let d = Int(leaf.depth)
            let slot = Int(leaf.slotOffset)
            guard let table = entries.baseAddress.map({ $0 + offsets[index] }),
                  let rows = patterns.baseAddress.map({ $0 + index * count }) else { return }
            for s in 0..<d { target[s] = Int(slotFeatures[slot + s]) * total + (outputs == 1 ? outputIndex : 0) }
            let value = Int(leaf.valueOffset)
            var r = 0
            while r < count {
                let e = table + Int(rows[r]) &* d
                let p = phi + r &* rowWidth
                var s = 0
                if outputs == 1 {
                    while s < d {
                        p[target[s]] += e[s]
                        s &+= 1
                    }
                } else {
                    while s < d {
                        let f = p + target[s]
                        for k in 0..<outputs { f[k] += e[s] * leafValues[value &+ k] }
                        s &+= 1
                    }
                }
                r &+= 1
            }
        }
    }

    /// A leaf without a table: the sums of `ShapTree+Tables` for this row's pattern only.
    /// The polynomial of the followed features gives `A[H]`; dividing out one factor `(t + z_i)`
    /// gives `A[H \ {i}]`, working down from the top coefficient so every step multiplies the
    /// error by `z_i ≤ 1`.
    func perRow(_ leaf: ShapTree.Leaf, into phi: UnsafeMutablePointer<Double>, outputs total: Int, scratch: ShapTree.Scratch) {
        let d = Int(leaf.depth)
        let slots = Int(leaf.slotOffset)
        let followed = scratch.followed
        for s in 0..<d { followed[s] = 1 }
        let edgeStart = Int(leaf.edgeOffset)
        for e in edgeStart..<(edgeStart + Int(leaf.edgeCount)) {
            let edge = edges[e]
            if (scratch.goesLeft[Int(edge.node)] != 0) != edge.left { followed[Int(edge.slot)] = 0 }
        }
        let hot = scratch.hot, cold = scratch.cold, p = scratch.polynomial
        var h = 0, c = 0
        p[0] = 1
        for s in 0..<d {
            if followed[s] != 0 {
                let z = slotFractions[slots + s]
                h += 1
                p[h] = p[h - 1]
                var t = h - 1
                while t > 0 {
                    p[t] = p[t - 1] + z * p[t]
                    t -= 1
                }
                p[0] *= z
                hot[h - 1] = s
            } else {
                cold[c] = s
                c += 1
            }
        }
        let w = weights.baseAddress.map { $0 + ShapleyWeights.offset(d) }
        guard let w else { return }
        // Products of the missed fractions without one of them, from both ends.
        let prefix = scratch.prefix, suffix = scratch.suffix
        prefix[0] = 1
        for k in 0..<c { prefix[k + 1] = prefix[k] * slotFractions[slots + cold[k]] }
        suffix[c] = 1
        var k = c
        while k > 0 {
            suffix[k - 1] = suffix[k] * slotFractions[slots + cold[k - 1]]
            k -= 1
        }
        let missedProduct = prefix[c]
        @inline(__always) func add(_ s: Int, _ coefficient: Double) {
            let target = phi + Int(slotFeatures[slots + s]) * total
            if outputs == 1 {
                target[outputIndex] += coefficient * leafValues[Int(leaf.valueOffset)]
            } else {
                for o in 0..<outputs { target[o] += coefficient * leafValues[Int(leaf.valueOffset) + o] }
            }
        }
        for k in 0..<h {
            let zi = slotFractions[slots + hot[k]]
            // q = p / (t + z_i), from its top coefficient down, summed against the weights.
            var q = p[h]
            var sum = 0.0
            var s = h - 1
            while s >= 0 {
                sum += w[s] * q
                if s > 0 { q = p[s] - zi * q }
                s -= 1
            }
            add(hot[k], (1 - zi) * missedProduct * sum)
        }
        guard c > 0 else { return }
        var all = 0.0
        for s in 0...h { all += w[s] * p[s] }
        for k in 0..<c {
            let zi = slotFractions[slots + cold[k]]
            add(cold[k], -zi * prefix[k] * suffix[k + 1] * all)
        }
    }
}
