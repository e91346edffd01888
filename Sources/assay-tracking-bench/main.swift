// Times the run stores for bench/tracking.py and bench/tracking_http.py. Prints one JSON object
// per command. STORE is a SQLite file, or an MLflow server's http(s):// address (`log` only).
//
//   assay-tracking-bench log STORE RUNS METRICS single|batch
//       RUNS runs of METRICS metrics each (metric i at step i), one call per metric or one
//       batch per run; every run created, logged to and finished.
//   assay-tracking-bench populate FILE RUNS
//       RUNS finished runs with params `model`, `depth` and metrics `accuracy`, `loss`, the
//       same values bench/tracking.py gives MLflow.
//   assay-tracking-bench search FILE REPEATS
//       `metrics.accuracy > 0.9 and params.model = 'forest'`, best of REPEATS.
import AssayTracking
import Dispatch
import Foundation

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}

/// The populate step's deterministic values, shared with bench/tracking.py: run i.
func benchRun(_ i: Int) -> (model: String, depth: Int, accuracy: Double, loss: Double) {
    let models = ["forest", "boost", "logistic", "knn"]
    let accuracy = Double((i &* 7919) % 1000) / 1000
    let loss = Double((i &* 104_729) % 1000) / 1000
    return (models[i % 4], i % 10, accuracy, loss)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: assay-tracking-bench log|populate|search FILE ...") }
let path = arguments[2]

do throws(TrackingError) {
    let store = try TrackingLocation(path, relativeTo: FileManager.default.currentDirectoryPath).open()
    let experiment = try store.experiment(named: "bench")
    switch arguments[1] {
    case "log":
        guard arguments.count == 6, let runs = Int(arguments[3]), let metrics = Int(arguments[4]) else {
            fail("usage: assay-tracking-bench log STORE RUNS METRICS single|batch")
        }
        let batch = arguments[5] == "batch"
        let start = DispatchTime.now()
        for r in 0..<runs {
            let id = try store.createRun(NewRun(experimentID: experiment.id, name: "run \(r)"))
            if batch {
                let now = Timestamp.now()
                let points = (0..<metrics).map { MetricPoint(key: "loss", value: 1 / Double($0 + 1), step: Int64($0), timestamp: now) }
                try store.log(RunData(metrics: points), to: id)
            } else {
                for m in 0..<metrics {
                    let point = MetricPoint(key: "loss", value: 1 / Double(m + 1), step: Int64(m), timestamp: Timestamp.now())
                    try store.log(RunData(metrics: [point]), to: id)
                }
            }
            try store.finish(id, status: .finished, endTime: Timestamp.now())
        }
        let elapsed = seconds(since: start)
        print("{\"seconds\": \(elapsed), \"metrics\": \(runs * metrics), \"metrics_per_second\": \(Double(runs * metrics) / elapsed)}")
    case "populate":
        guard arguments.count == 4, let runs = Int(arguments[3]) else { fail("usage: assay-tracking-bench populate FILE RUNS") }
        let start = DispatchTime.now()
        for i in 0..<runs {
            let values = benchRun(i)
            let now = Timestamp.now()
            let id = try store.createRun(NewRun(experimentID: experiment.id, name: "run \(i)", status: .finished, endTime: now))
            try store.log(
                RunData(
                    params: ["model": values.model, "depth": String(values.depth)],
                    metrics: [
                        MetricPoint(key: "accuracy", value: values.accuracy, timestamp: now),
                        MetricPoint(key: "loss", value: values.loss, timestamp: now),
                    ]), to: id)
        }
        print("{\"seconds\": \(seconds(since: start)), \"runs\": \(runs)}")
    case "search":
        guard arguments.count == 4, let repeats = Int(arguments[3]) else { fail("usage: assay-tracking-bench search FILE REPEATS") }
        let filter = RunFilter.and(.compare(.metric("accuracy"), .greater, .number(0.9)), .compare(.param("model"), .equal, .string("forest")))
        let query = RunQuery(experimentIDs: [experiment.id], filter: filter)
        var best = Double.infinity
        var found = 0
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now()
            found = try store.searchRuns(query).count
            best = min(best, seconds(since: start))
        }
        print("{\"seconds\": \(best), \"found\": \(found)}")
    default:
        fail("unknown command \(arguments[1])")
    }
} catch {
    fail(error.message)
}
