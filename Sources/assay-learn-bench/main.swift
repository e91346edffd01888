// Times tree model fits and predictions on a CSV with a 0/1 column `y`, for bench/learn_trees.py.
// The first 80% of rows train, the rest test. Prints one JSON object.
//
//   assay-learn-bench FILE boost|forest [threads] [rounds-or-trees]
import AssayFrame
import AssayLearn
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// Area under the ROC curve, ties counted half.
func auc(_ scores: [Double], _ labels: [Int32]) -> Double {
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSum = 0.0, positives = 0.0
    var i = 0
    while i < order.count {
        var j = i
        while j + 1 < order.count, scores[order[j + 1]] == scores[order[i]] { j += 1 }
        let rank = Double(i + j) / 2 + 1
        for k in i...j where labels[order[k]] == 1 {
            rankSum += rank
            positives += 1
        }
        i = j + 1
    }
    let negatives = Double(scores.count) - positives
    return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
}

func fail(_ message: String) -> Never {
    print("error: \(message)")
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: assay-learn-bench FILE boost|forest [threads] [rounds]") }
let threads = arguments.count > 3 ? Int(arguments[3]) ?? 2 : 2
let count = arguments.count > 4 ? Int(arguments[4]) ?? 100 : 100

do {
    let readStart = DispatchTime.now()
    let data = try CSVReader.read(path: arguments[1])
    let readSeconds = seconds(since: readStart)
    guard let target = data.column("y"), case .number(let y) = target.values else { fail("no numeric column `y`") }
    let features = try Dataset(columns: data.columns.filter { $0.name != "y" })
    let train = data.rowCount * 8 / 10
    let xTrain = try FeatureMatrix(features.slice(0..<train))
    let xTest = try FeatureMatrix(features.slice(train..<data.rowCount))
    let labels = y.map { Int32($0) }
    let yTrain = Target.classes(labels: Array(labels[0..<train]), classes: ["0", "1"])
    let context = FitContext(seed: 42, threads: threads)

    let fitStart = DispatchTime.now()
    let model: TreeEnsemble
    switch arguments[2] {
    case "boost":
        model = try TreeLearner.fitBoost(
            xTrain, yTrain, BoostParameters(rounds: count, rate: 0.1, depth: nil, leaves: 31, minLeaf: 20), context: context)
    case "forest":
        model = try TreeLearner.fitForest(xTrain, yTrain, ForestParameters(trees: count), context: context)
    default:
        fail("unknown model \(arguments[2])")
    }
    let fitSeconds = seconds(since: fitStart)

    // Best of three, as the Python side measures.
    var prediction = model.predict(xTest, threads: threads)
    var predictSeconds = Double.infinity
    for _ in 0..<3 {
        let predictStart = DispatchTime.now()
        prediction = model.predict(xTest, threads: threads)
        predictSeconds = min(predictSeconds, seconds(since: predictStart))
    }
    let depths = model.trees.map { tree in
        var depth = [Int](repeating: 0, count: tree.nodeCount)
        for i in 0..<tree.nodeCount where !tree.isLeaf(i) {
            depth[Int(tree.left[i])] = depth[i] + 1
            depth[Int(tree.right[i])] = depth[i] + 1
        }
        return depth.max() ?? 0
    }
    guard case .probabilities(let p, _) = prediction else { fail("expected probabilities") }
    let positive = (0..<xTest.rows).map { p[2 * $0 + 1] }
    let nodes = model.trees.reduce(0) { $0 + $1.nodeCount }
    print("""
        {"model": "\(arguments[2])", "threads": \(threads), "train_rows": \(train), "test_rows": \(xTest.rows), \
        "read_seconds": \(readSeconds), "fit_seconds": \(fitSeconds), "auc": \(auc(positive, Array(labels[train...]))), \
        "predict_rows_per_second": \(Double(xTest.rows) / predictSeconds), "trees": \(model.trees.count), "nodes": \(nodes), "max_depth": \(depths.max() ?? 0)}
        """)
} catch {
    fail("\(error)")
}
