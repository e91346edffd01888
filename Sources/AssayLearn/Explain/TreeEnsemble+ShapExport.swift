extension TreeEnsemble {
    /// The model in shap's custom tree format, as JSON: `{"trees": [...], "base_offset": ...,
    /// "tree_output": ..., "feature_names": [...]}`, each tree with `children_left`,
    /// `children_right`, `children_default` (the child a missing value takes), `features`,
    /// `thresholds`, `values` (nodes × outputs) and `node_sample_weight`; leaves have -1
    /// children, feature -1 and threshold 0. After turning each tree's lists into numpy arrays,
    /// `shap.TreeExplainer(model, feature_perturbation="tree_path_dependent")` gives the raw
    /// output's SHAP values.
    ///
    /// What the format cannot say is folded in: shap sums its trees, so a forest's values are
    /// divided by the number of trees; every tree has all outputs, so a multiclass booster's
    /// per-class trees hold zeros for the other classes. Splits translate as they are, since
    /// shap also sends `x <= threshold` left. Covers are written with each split's cover the
    /// sum of its children's, the fractions `TreeExplainer` uses too.
    public func shapJSON() -> String {
        let outputs = outputCount
        let scale = kind == .boost ? 1.0 : 1.0 / Double(max(trees.count, 1))
        var json = "{\"trees\": ["
        for (t, tree) in trees.enumerated() {
            if t > 0 { json += ", " }
            let n = tree.nodeCount
            let leaf = (0..<n).map(tree.isLeaf)
            var values = [Double](repeating: 0, count: n * outputs)
            for i in 0..<n {
                if tree.outputs == 1 {
                    values[i * outputs + tree.outputIndex] = tree.value[i] * scale
                } else {
                    for k in 0..<outputs { values[i * outputs + k] = tree.value[i * tree.outputs + k] * scale }
                }
            }
            json += "{\"children_left\": " + Self.list((0..<n).map { leaf[$0] ? -1 : Int(tree.left[$0]) })
            json += ", \"children_right\": " + Self.list((0..<n).map { leaf[$0] ? -1 : Int(tree.right[$0]) })
            json += ", \"children_default\": " + Self.list((0..<n).map {
                leaf[$0] ? -1 : Int(tree.missingGoesLeft[$0] ? tree.left[$0] : tree.right[$0])
            })
            json += ", \"features\": " + Self.list((0..<n).map { leaf[$0] ? -1 : Int(tree.feature[$0]) })
            json += ", \"thresholds\": " + Self.list((0..<n).map { leaf[$0] ? 0 : tree.threshold[$0] })
            json += ", \"values\": [" + (0..<n).map { Self.list(Array(values[($0 * outputs)..<(($0 + 1) * outputs)])) }.joined(separator: ", ") + "]"
            json += ", \"node_sample_weight\": " + Self.list(tree.consistentCover()) + "}"
        }
        json += "], \"base_offset\": " + (outputs == 1 ? Self.number(baseScore[0]) : Self.list(baseScore))
        let output = kind == .boost ? (classes == nil ? "raw_value" : "log_odds") : (classes == nil ? "raw_value" : "probability")
        json += ", \"tree_output\": \"\(output)\""
        json += ", \"feature_names\": [" + featureNames.map(Self.string).joined(separator: ", ") + "]}"
        return json
    }

    private static func list(_ values: [Int]) -> String {
        "[" + values.map(String.init).joined(separator: ", ") + "]"
    }

    private static func list(_ values: [Double]) -> String {
        "[" + values.map(number).joined(separator: ", ") + "]"
    }

    /// Shortest round-tripping decimal; JSON has no infinities, so they become the largest
    /// finite doubles, which every finite value compares with the same way.
    private static func number(_ v: Double) -> String {
        if v.isNaN { return "0" }
        if v.isInfinite { return v > 0 ? "1.7976931348623157e308" : "-1.7976931348623157e308" }
        return "\(v)"
    }

    private static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
