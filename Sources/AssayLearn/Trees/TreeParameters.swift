/// How many features a split may look at, drawn afresh for every split (forests) or every tree
/// (boosting's `colsample`).
public enum MaxFeatures: Sendable, Hashable, Codable {
    case all
    case sqrt
    case log2
    /// A fraction of the features in (0, 1].
    case fraction(Double)
    case count(Int)

    /// The number of features to draw out of `total`, at least one.
    func resolve(_ total: Int) -> Int {
        let n: Int
        switch self {
        case .all: n = total
        case .sqrt: n = Int(Double(total).squareRoot())
        case .log2: n = Int.bitWidth - 1 - max(total, 1).leadingZeroBitCount  // floor(log2(total))
        case .fraction(let f): n = Int(f * Double(total))
        case .count(let c): n = c
        }
        return min(max(n, 1), max(total, 1))
    }

    func validate(_ name: String) throws(LearnError) {
        switch self {
        case .fraction(let f) where !(f > 0 && f <= 1):
            throw LearnError("`\(name)` must be a fraction in (0, 1], got \(f)", help: "use a value such as 0.5, or \"sqrt\"")
        case .count(let c) where c < 1:
            throw LearnError("`\(name)` must be at least 1, got \(c)", help: "use a count of features, or \"sqrt\"")
        default: break
        }
    }
}

/// How a classification or regression tree scores a split.
public enum SplitCriterion: String, Sendable, Hashable, Codable {
    case gini, entropy, variance
}

/// Hyperparameters of a single CART tree.
public struct TreeParameters: Sendable, Hashable {
    /// Maximum depth; nil grows until leaves are pure or too small.
    public var depth: Int?
    /// Minimum number of training rows in a leaf.
    public var minLeaf: Int
    /// nil picks gini for classes and variance for values.
    public var criterion: SplitCriterion?
    /// Value bins per feature (2...255); missing values get a bin of their own.
    public var bins: Int
    public var maxFeatures: MaxFeatures

    public init(depth: Int? = 5, minLeaf: Int = 1, criterion: SplitCriterion? = nil, bins: Int = 255, maxFeatures: MaxFeatures = .all) {
        self.depth = depth
        self.minLeaf = minLeaf
        self.criterion = criterion
        self.bins = bins
        self.maxFeatures = maxFeatures
    }
}

/// Hyperparameters of a random forest of histogram CART trees.
public struct ForestParameters: Sendable, Hashable {
    public var trees: Int
    public var depth: Int?
    /// nil follows scikit-learn: `sqrt` for classes, all features for values.
    public var maxFeatures: MaxFeatures?
    /// Minimum rows in a leaf, counting a row drawn twice by the bootstrap twice.
    public var minLeaf: Int
    /// Draw each tree's rows with replacement; without it every tree sees every row.
    public var bootstrap: Bool
    public var bins: Int
    /// nil picks gini for classes and variance for values.
    public var criterion: SplitCriterion?

    public init(
        trees: Int = 100, depth: Int? = nil, maxFeatures: MaxFeatures? = nil, minLeaf: Int = 1,
        bootstrap: Bool = true, bins: Int = 255, criterion: SplitCriterion? = nil
    ) {
        self.trees = trees
        self.depth = depth
        self.maxFeatures = maxFeatures
        self.minLeaf = minLeaf
        self.bootstrap = bootstrap
        self.bins = bins
        self.criterion = criterion
    }
}

/// Hyperparameters of histogram gradient boosting, named after LightGBM's where they match.
public struct BoostParameters: Sendable, Hashable {
    public var rounds: Int
    /// Shrinkage applied to every leaf weight.
    public var rate: Double
    /// Maximum depth; nil lets `leaves` alone bound a tree (LightGBM's default).
    public var depth: Int?
    /// Maximum leaves per tree, grown best-first.
    public var leaves: Int
    /// Minimum rows in a leaf (a leaf also needs a hessian sum of at least 1e-3).
    public var minLeaf: Int
    /// L2 penalty on leaf weights.
    public var l2: Double
    /// Fraction of rows each tree sees, in (0, 1].
    public var subsample: Double
    /// Fraction of features each tree sees, in (0, 1].
    public var colsample: Double
    public var bins: Int

    public init(
        rounds: Int = 100, rate: Double = 0.1, depth: Int? = 6, leaves: Int = 31, minLeaf: Int = 20,
        l2: Double = 0, subsample: Double = 1, colsample: Double = 1, bins: Int = 255
    ) {
        self.rounds = rounds
        self.rate = rate
        self.depth = depth
        self.leaves = leaves
        self.minLeaf = minLeaf
        self.l2 = l2
        self.subsample = subsample
        self.colsample = colsample
        self.bins = bins
    }
}

// MARK: - Validation

enum ParameterCheck {
    static func depth(_ depth: Int?) throws(LearnError) {
        if let depth, depth < 1 {
            throw LearnError("`depth` must be at least 1, got \(depth)", help: "use null for unlimited depth")
        }
    }

    static func minLeaf(_ minLeaf: Int) throws(LearnError) {
        if minLeaf < 1 { throw LearnError("`min_leaf` must be at least 1, got \(minLeaf)") }
    }

    static func bins(_ bins: Int) throws(LearnError) {
        if !(2...255).contains(bins) {
            throw LearnError("`bins` must be between 2 and 255, got \(bins)", help: "255 is the usual choice")
        }
    }

    static func fraction(_ value: Double, _ name: String) throws(LearnError) {
        if !(value > 0 && value <= 1) {
            throw LearnError("`\(name)` must be in (0, 1], got \(value)", help: "1.0 uses everything")
        }
    }

    static func criterion(_ criterion: SplitCriterion?, classification: Bool) throws(LearnError) -> SplitCriterion {
        guard let criterion else { return classification ? .gini : .variance }
        if classification && criterion == .variance {
            throw LearnError("`criterion` \"variance\" is for numeric targets, and this target has classes", help: "use \"gini\" or \"entropy\"")
        }
        if !classification && criterion != .variance {
            throw LearnError("`criterion` \"\(criterion.rawValue)\" is for classes, and this target is numeric", help: "use \"variance\", or set `task=\"classification\"`")
        }
        return criterion
    }
}

extension TreeParameters {
    func validated(classification: Bool) throws(LearnError) -> SplitCriterion {
        try ParameterCheck.depth(depth)
        try ParameterCheck.minLeaf(minLeaf)
        try ParameterCheck.bins(bins)
        try maxFeatures.validate("max_features")
        return try ParameterCheck.criterion(criterion, classification: classification)
    }
}

extension ForestParameters {
    func validated(classification: Bool) throws(LearnError) -> SplitCriterion {
        if trees < 1 { throw LearnError("`trees` must be at least 1, got \(trees)") }
        try ParameterCheck.depth(depth)
        try ParameterCheck.minLeaf(minLeaf)
        try ParameterCheck.bins(bins)
        try maxFeatures?.validate("max_features")
        return try ParameterCheck.criterion(criterion, classification: classification)
    }
}

extension BoostParameters {
    func validate() throws(LearnError) {
        if rounds < 1 { throw LearnError("`rounds` must be at least 1, got \(rounds)") }
        if !(rate > 0 && rate.isFinite) {
            throw LearnError("`rate` must be greater than 0, got \(rate)", help: "0.1 is the usual choice; smaller rates need more rounds")
        }
        try ParameterCheck.depth(depth)
        if leaves < 2 { throw LearnError("`leaves` must be at least 2, got \(leaves)") }
        try ParameterCheck.minLeaf(minLeaf)
        if !(l2 >= 0 && l2.isFinite) { throw LearnError("`l2` must be at least 0, got \(l2)") }
        try ParameterCheck.fraction(subsample, "subsample")
        try ParameterCheck.fraction(colsample, "colsample")
        try ParameterCheck.bins(bins)
    }
}
