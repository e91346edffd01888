extension ShapTree {
    /// Working memory for one thread's rows, sized once for the largest tree: nothing is
    /// allocated per row.
    struct Scratch {
        /// Per node: the bits of path features whose edges the row did not follow.
        var missed: UnsafeMutableBufferPointer<UInt64>
        /// Per node: 1 when the row goes left.
        var goesLeft: UnsafeMutableBufferPointer<UInt8>
        /// Per slot of a leaf evaluated per row, then the followed and missed slots.
        var followed: UnsafeMutableBufferPointer<UInt8>
        var hot: UnsafeMutableBufferPointer<Int>
        var cold: UnsafeMutableBufferPointer<Int>
        var polynomial: UnsafeMutableBufferPointer<Double>
        var prefix: UnsafeMutableBufferPointer<Double>
        var suffix: UnsafeMutableBufferPointer<Double>

        init(nodes: Int, depth: Int) {
            missed = .allocate(capacity: max(nodes, 1))
            goesLeft = .allocate(capacity: max(nodes, 1))
            followed = .allocate(capacity: depth + 1)
            hot = .allocate(capacity: depth + 1)
            cold = .allocate(capacity: depth + 1)
            polynomial = .allocate(capacity: depth + 2)
            prefix = .allocate(capacity: depth + 2)
            suffix = .allocate(capacity: depth + 2)
        }

        func deallocate() {
            missed.deallocate()
            goesLeft.deallocate()
            followed.deallocate()
            hot.deallocate()
            cold.deallocate()
            polynomial.deallocate()
            prefix.deallocate()
            suffix.deallocate()
        }
    }

    /// The tree's arrays as buffers, for the row loop.
    struct View {
        var nodes: UnsafeBufferPointer<Node>
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
        nodes.withUnsafeBufferPointer { nodes in
        leaves.withUnsafeBufferPointer { leaves in
        slotFeatures.withUnsafeBufferPointer { slotFeatures in
        slotFractions.withUnsafeBufferPointer { slotFractions in
        edges.withUnsafeBufferPointer { edges in
        leafValues.withUnsafeBufferPointer { leafValues in
        tables.offsets.withUnsafeBufferPointer { offsets in
        tables.entries.withUnsafeBufferPointer { entries in
        weights.withUnsafeBufferPointer { weights in
            body(View(
                nodes: nodes, leaves: leaves, slotFeatures: slotFeatures, slotFractions: slotFractions, edges: edges,
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
    /// Adds this tree's SHAP values for one row (`x`, its features in model order) to `phi`
    /// (features × `total` outputs).
    @inline(__always)
    func explain(_ x: UnsafePointer<Double>, into phi: UnsafeMutablePointer<Double>, outputs total: Int, scratch: ShapTree.Scratch) {
        let missed = scratch.missed, goesLeft = scratch.goesLeft
        // One pass in node order: a child's missed bits are its parent's, plus the parent's
        // feature when the row takes the other side.
        missed[0] = 0
        for i in 0..<nodes.count {
            let node = nodes[i]
            guard node.feature >= 0 else { continue }
            let v = x[Int(node.feature)]
            let left = v <= node.threshold || (v.isNaN && node.missingLeft)
            let above = missed[i]
            missed[Int(node.left)] = above | (left ? 0 : node.bit)
            missed[Int(node.right)] = above | (left ? node.bit : 0)
            goesLeft[i] = left ? 1 : 0
        }
        for index in 0..<leaves.count {
            let leaf = leaves[index]
            let d = Int(leaf.depth)
            let slots = Int(leaf.slotOffset)
            let offset = offsets[index]
            if offset >= 0 {
                let pattern = ~missed[Int(leaf.node)] & ((1 << UInt64(d)) - 1)
                let row = offset + Int(pattern) * d
                if outputs == 1 {
                    let target = phi + outputIndex
                    for s in 0..<d { target[Int(slotFeatures[slots + s]) * total] += entries[row + s] }
                } else {
                    let value = Int(leaf.valueOffset)
                    for s in 0..<d {
                        let target = phi + Int(slotFeatures[slots + s]) * total
                        let c = entries[row + s]
                        for k in 0..<outputs { target[k] += c * leafValues[value + k] }
                    }
                }
            } else {
                perRow(leaf, into: phi, outputs: total, scratch: scratch)
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
