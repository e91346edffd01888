// Times one tree model fit and its predictions on a CSV with a 0/1 column `y`, for
// bench/learn_trees.py, which runs it once per repeat between the Python libraries' runs.
// The first 80% of rows train and the rest give the test AUC; prediction throughput is
// measured on every row of the file (the median of three passes). Prints one JSON object.
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

/// CPU time of every thread of the process, to tell work from waiting on a shared machine.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
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
    let xAll = try FeatureMatrix(features)
    let labels = y.map { Int32($0) }
    let yTrain = Target.classes(labels: Array(labels[0..<train]), classes: ["0", "1"])
    let context = FitContext(seed: 42, threads: threads)

    let fitStart = DispatchTime.now()
    let fitCPUStart = cpuSeconds()
    let model: TreeEnsemble
    switch arguments[2] {
    case "boost":
        // LightGBM's defaults: 31 leaves and no depth limit.
        model = try TreeLearner.fitBoost(
            xTrain, yTrain, BoostParameters(rounds: count, rate: 0.1, depth: nil, leaves: 31, minLeaf: 20, bins: 255), context: context)
    case "forest":
        model = try TreeLearner.fitForest(xTrain, yTrain, ForestParameters(trees: count), context: context)
    default:
        fail("unknown model \(arguments[2])")
    }
    let fitSeconds = seconds(since: fitStart)
    let fitCPUSeconds = cpuSeconds() - fitCPUStart

    guard case .probabilities(let p, _) = model.predict(xTest, threads: threads) else { fail("expected probabilities") }
    let positive = (0..<xTest.rows).map { p[2 * $0 + 1] }
    var passes: [Double] = []
    for _ in 0..<3 {
        let predictStart = DispatchTime.now()
        _ = model.predict(xAll, threads: threads)
        passes.append(seconds(since: predictStart))
    }
    let predictSeconds = passes.sorted()[1]
    let nodes = model.trees.reduce(0) { $0 + $1.nodeCount }
    print("""
        {"model": "\(arguments[2])", "threads": \(threads), "train_rows": \(train), "test_rows": \(xTest.rows), \
        "read_seconds": \(readSeconds), "fit_seconds": \(fitSeconds), "fit_cpu_seconds": \(fitCPUSeconds), "auc": \(auc(positive, Array(labels[train...]))), \
        "predict_rows": \(xAll.rows), "predict_seconds": \(predictSeconds), "trees": \(model.trees.count), "nodes": \(nodes)}
        """)
} catch {
    fail("\(error)")
}
