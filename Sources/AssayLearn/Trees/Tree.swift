/// One fitted tree as flat node arrays (node 0 is the root), the layout TreeSHAP, importance
/// and shap's custom tree format read.
public struct Tree: Sendable, Hashable, Codable {
    /// The feature a node splits on, -1 for a leaf.
    public var feature: [Int32]
    /// A row goes left when its value is `<= threshold`, in the feature's own units; 0 for leaves.
    public var threshold: [Double]
    /// Children, -1 for leaves.
    public var left: [Int32]
    public var right: [Int32]
    /// Where a missing (NaN) value goes.
    public var missingGoesLeft: [Bool]
    /// `outputs` numbers per node (`value[node * outputs + k]`): class probabilities or a mean
    /// for CART trees, a shrunk leaf weight for boosting; internal nodes hold what a leaf there
    /// would hold.
    public var value: [Double]
    public var outputs: Int
    /// For a one-output tree in an ensemble of several outputs (multiclass boosting), the
    /// output it adds to.
    public var outputIndex: Int
    /// Training rows at a node (bootstrap counts for forests), or the hessian sum for boosting.
    public var cover: [Double]
    /// The split's impurity decrease times its rows (CART) or its loss reduction (boosting);
    /// 0 for leaves.
    public var gain: [Double]

    public var nodeCount: Int { feature.count }

    public func isLeaf(_ node: Int) -> Bool { feature[node] < 0 }

    /// The leaf a row of raw feature values lands in.
    func leaf(_ x: UnsafePointer<Double>, stride: Int) -> Int {
        var node = 0
        while feature[node] >= 0 {
            let v = x[Int(feature[node]) * stride]
            let goLeft = v <= threshold[node] || (v.isNaN && missingGoesLeft[node])
            node = Int(goLeft ? left[node] : right[node])
        }
        return node
    }
}

extension Tree {
    /// An empty tree to fill while growing.
    init(outputs: Int, outputIndex: Int = 0) {
        feature = []
        threshold = []
        left = []
        right = []
        missingGoesLeft = []
        value = []
        self.outputs = outputs
        self.outputIndex = outputIndex
        cover = []
        gain = []
    }

    /// Appends a leaf and returns its index.
    mutating func addNode(value nodeValue: some Collection<Double>, cover nodeCover: Double) -> Int {
        feature.append(-1)
        threshold.append(0)
        left.append(-1)
        right.append(-1)
        missingGoesLeft.append(true)
        value.append(contentsOf: nodeValue)
        cover.append(nodeCover)
        gain.append(0)
        return feature.count - 1
    }

    /// Checks the node arrays agree in size and every child index points inside; a decoded tree
    /// from a file must pass this before it predicts.
    func validate() throws(LearnError) {
        let n = feature.count
        guard n > 0, outputs >= 1, threshold.count == n, left.count == n, right.count == n,
              missingGoesLeft.count == n, cover.count == n, gain.count == n, value.count == n * outputs
        else { throw LearnError("a saved tree has node arrays of different lengths", help: "save the model again") }
        for i in 0..<n where feature[i] >= 0 {
            // Children come after their parent, so a walk always ends.
            guard left[i] > Int32(i), right[i] > Int32(i), Int(left[i]) < n, Int(right[i]) < n else {
                throw LearnError("a saved tree has a node whose children are out of range", help: "save the model again")
            }
        }
    }
}
