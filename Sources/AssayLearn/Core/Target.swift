import AssayFrame

/// What a model learns to predict: class indices with their names, or real values.
public enum Target: Sendable, Hashable {
    /// `labels[row]` indexes `classes`; classes are sorted (numbers numerically, strings
    /// lexicographically) so the same data always gives the same class order.
    case classes(labels: [Int32], classes: [String])
    case values([Double])

    public var count: Int {
        switch self {
        case .classes(let labels, _): labels.count
        case .values(let values): values.count
        }
    }

    public var isClassification: Bool {
        if case .classes = self { return true }
        return false
    }

    /// The rows at `indices`, in that order.
    public func take(_ indices: [Int]) -> Target {
        switch self {
        case .classes(let labels, let classes): .classes(labels: indices.map { labels[$0] }, classes: classes)
        case .values(let values): .values(indices.map { values[$0] })
        }
    }
}

/// A model's output for each row: class probabilities (row-major, rows × classes) or values.
public enum Prediction: Sendable, Hashable {
    case probabilities([Double], classes: [String])
    case values([Double])

    /// The most probable class of each row, or the values.
    public var rowCount: Int {
        switch self {
        case .probabilities(let p, let classes): classes.isEmpty ? 0 : p.count / classes.count
        case .values(let v): v.count
        }
    }
}
