extension TreeEnsemble {
    /// Impurity importance as Spark's `featureImportances` defines it: each split adds its gain
    /// scaled by the rows through it to its feature (`Tree.gain` already holds that product,
    /// and for boosting the loss reduction, which is the same sum over rows); a single tree's
    /// and each forest tree's importances are normalized to sum 1 before they are added up, a
    /// boosted ensemble's are not; the total is normalized to sum 1. All zeros when no tree
    /// splits.
    public func impurityImportance() -> [Double] {
        let features = featureNames.count
        var total = [Double](repeating: 0, count: features)
        var tree = [Double](repeating: 0, count: features)
        for t in trees {
            for f in 0..<features { tree[f] = 0 }
            for node in 0..<t.nodeCount where !t.isLeaf(node) {
                let f = Int(t.feature[node])
                if f < features { tree[f] += t.gain[node] }
            }
            let sum = tree.reduce(0, +)
            let scale = kind == .boost ? 1 : (sum > 0 ? 1 / sum : 0)
            for f in 0..<features { total[f] += tree[f] * scale }
        }
        let sum = total.reduce(0, +)
        guard sum > 0 else { return [Double](repeating: 0, count: features) }
        return total.map { $0 / sum }
    }
}
