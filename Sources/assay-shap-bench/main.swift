// Fits tree models and explains them for bench/shap_crosscheck.py; not a test.
//
//   assay-shap-bench explain FILE tree|forest|boost binary|multiclass|regression TREES DEPTH OUT
//       fits on every row of FILE (a CSV of features and a target `y`), writes OUT.json (the
//       model in shap's custom tree format) and OUT.values (one line per row: the row's SHAP
//       values, features × outputs in shap's order, then the raw outputs), and prints the base
//       values as JSON.
//   assay-shap-bench time FILE TREES DEPTH THREADS
//       fits a binary booster on the first 80% of rows and prints, as JSON, the rows explained
//       per second on the rest (best of three).
import AssayFrame
import AssayLearn
import Dispatch
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// CPU seconds of the whole process: on a shared machine, steadier than the wall clock.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Features and target of a CSV with a numeric column `y`.
func load(_ path: String, task: String) throws -> (FeatureMatrix, Target) {
    let data = try CSVReader.read(path: path)
    guard let column = data.column("y"), case .number(let y) = column.values else { fail("no numeric column `y` in \(path)") }
    let x = try FeatureMatrix(Dataset(columns: data.columns.filter { $0.name != "y" }))
    if task == "regression" { return (x, .values(y)) }
    let classes = Int(y.max() ?? 1) + 1
    return (x, .classes(labels: y.map { Int32($0) }, classes: (0..<classes).map(String.init)))
}

func fit(_ kind: String, _ x: FeatureMatrix, _ y: Target, trees: Int, depth: Int, threads: Int) throws -> TreeEnsemble {
    let context = FitContext(seed: 1, threads: threads)
    switch kind {
    case "tree": return try TreeLearner.fitTree(x, y, TreeParameters(depth: depth), context: context)
    case "forest": return try TreeLearner.fitForest(x, y, ForestParameters(trees: trees, depth: depth, minLeaf: 2), context: context)
    case "boost":
        return try TreeLearner.fitBoost(
            x, y, BoostParameters(rounds: trees, rate: 0.1, depth: depth, leaves: 1 << depth, minLeaf: 5), context: context)
    default: fail("unknown model \(kind)")
    }
}

let arguments = CommandLine.arguments
do {
    switch arguments.count > 1 ? arguments[1] : "" {
    case "explain" where arguments.count == 8:
        let (x, y) = try load(arguments[2], task: arguments[4])
        guard let trees = Int(arguments[5]), let depth = Int(arguments[6]) else { fail("TREES and DEPTH are numbers") }
        let model = try fit(arguments[3], x, y, trees: trees, depth: depth, threads: 2)
        let out = arguments[7]
        try model.shapJSON().write(toFile: out + ".json", atomically: true, encoding: .utf8)
        let shap = TreeExplainer(model).shap(x, threads: 2)
        let raw = model.rawOutput(x, threads: 2)
        let width = shap.featureCount * shap.outputCount
        var text = ""
        for r in 0..<x.rows {
            let values = shap.values[(r * width)..<((r + 1) * width)] + raw[(r * shap.outputCount)..<((r + 1) * shap.outputCount)]
            text += values.map { "\($0)" }.joined(separator: " ") + "\n"
        }
        try text.write(toFile: out + ".values", atomically: true, encoding: .utf8)
        print("{\"base\": [\(shap.base.map { "\($0)" }.joined(separator: ", "))], \"outputs\": \(shap.outputCount)}")
    case "time" where arguments.count == 6:
        let (x, y) = try load(arguments[2], task: "binary")
        guard let trees = Int(arguments[3]), let depth = Int(arguments[4]), let threads = Int(arguments[5]) else {
            fail("TREES, DEPTH and THREADS are numbers")
        }
        let train = x.rows * 8 / 10
        let model = try fit("boost", x.take(Array(0..<train)), y.take(Array(0..<train)), trees: trees, depth: depth, threads: threads)
        let test = x.take(Array(train..<x.rows))
        let explainer = TreeExplainer(model)
        var best = Double.infinity
        var bestCPU = Double.infinity
        var check = 0.0
        for _ in 0..<3 {
            let start = DispatchTime.now()
            let cpuStart = cpuSeconds()
            let shap = explainer.shap(test, threads: threads)
            best = min(best, seconds(since: start))
            bestCPU = min(bestCPU, cpuSeconds() - cpuStart)
            check = shap.values.reduce(0, +)
        }
        let leaves = model.trees.reduce(0) { total, tree in total + (0..<tree.nodeCount).filter(tree.isLeaf).count }
        print("{\"rows\": \(test.rows), \"trees\": \(model.trees.count), \"leaves\": \(leaves), \"threads\": \(threads), \"seconds\": \(best), \"cpu_seconds\": \(bestCPU), \"rows_per_second\": \(Double(test.rows) / best), \"checksum\": \(check)}")
    default:
        fail("usage: assay-shap-bench explain FILE KIND TASK TREES DEPTH OUT | time FILE TREES DEPTH THREADS")
    }
} catch {
    fail("\(error)")
}
