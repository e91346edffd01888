// Runs Assay's searchers on standard test functions for bench/tpe.py. Prints one JSON object:
// the best value of each seed and the mean seconds per trial (suggestion plus bookkeeping; the
// functions themselves cost microseconds). `hyperopt` is TPE with Hyperopt's defaults; `lag`
// is the sweep's (0 sees every earlier result, as hyperopt and optuna do sequentially).
//
//   assay-tpe-bench branin|hartmann6|conditional TRIALS SEEDS [tpe|hyperopt|random] [parallel] [lag]
import AssayLearn
import Foundation

func fail(_ message: String) -> Never {
    print("error: \(message)")
    exit(1)
}

func branin(_ x1: Double, _ x2: Double) -> Double {
    let b = 5.1 / (4 * Double.pi * Double.pi), c = 5 / Double.pi, t = 1 / (8 * Double.pi)
    let term = x2 - b * x1 * x1 + c * x1 - 6
    return term * term + 10 * (1 - t) * cos(x1) + 10
}

let hartmannAlpha = [1.0, 1.2, 3.0, 3.2]
let hartmannA: [[Double]] = [
    [10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14],
]
let hartmannP: [[Double]] = [
    [1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
    [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381],
]

func hartmann6(_ x: [Double]) -> Double {
    var sum = 0.0
    for i in 0..<4 {
        var inner = 0.0
        for j in 0..<6 {
            let d = x[j] - hartmannP[i][j] * 1e-4
            inner += hartmannA[i][j] * d * d
        }
        sum += hartmannAlpha[i] * exp(-inner)
    }
    return -sum
}

func number(_ assignment: Assignment, _ path: String) -> Double {
    assignment[path]?.number ?? .nan
}

func problem(_ name: String) throws -> (SearchSpace, @Sendable (Assignment) -> Double) {
    switch name {
    case "branin":
        let space = try SearchSpace([
            SearchParameter("x1", try .uniform(-5, 10)), SearchParameter("x2", try .uniform(0, 15)),
        ])
        return (space, { branin(number($0, "x1"), number($0, "x2")) })
    case "hartmann6":
        let space = try SearchSpace((0..<6).map { SearchParameter("x\($0)", try .uniform(0, 1)) })
        return (space, { a in hartmann6((0..<6).map { number(a, "x\($0)") }) })
    case "conditional":
        // Branin (minimum 0.397887) or a bowl over a real, a log-scaled real and an integer
        // (minimum 0.5): the searcher must pick the function and tune only its parameters.
        let quad = ChoiceOption(.text("quad"), parameters: [
            SearchParameter("x", try .uniform(-5, 5)), SearchParameter("y", try .logUniform(0.01, 100)),
            SearchParameter("n", try .integer(1, 10)),
        ])
        let bra = ChoiceOption(.text("branin"), parameters: [
            SearchParameter("x1", try .uniform(-5, 10)), SearchParameter("x2", try .uniform(0, 15)),
        ])
        let space = try SearchSpace([SearchParameter("f", try .choice([quad, bra]))])
        return (space, { a in
            if a.option("f") == 0 {
                let x = number(a, "quad.x"), y = log10(number(a, "quad.y")), n = number(a, "quad.n")
                return 0.5 + (x - 1) * (x - 1) + (y - 0.5) * (y - 0.5) + 0.1 * (n - 3) * (n - 3)
            }
            return branin(number(a, "branin.x1"), number(a, "branin.x2"))
        })
    default:
        fail("unknown function \(name)")
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 4, let trials = Int(arguments[2]), let seeds = Int(arguments[3]) else {
    fail("usage: assay-tpe-bench branin|hartmann6|conditional TRIALS SEEDS [tpe|hyperopt|random] [parallel] [lag]")
}
let method = arguments.count > 4 ? arguments[4] : "tpe"
let parallel = arguments.count > 5 ? Int(arguments[5]) ?? 1 : 1
let lag = arguments.count > 6 ? Int(arguments[6]) ?? Sweep.defaultLag : Sweep.defaultLag
let searcher: any Searcher = switch method {
case "random": RandomSearch()
case "hyperopt": TPESearch.hyperopt
default: TPESearch()
}

do {
    let (space, function) = try problem(arguments[1])
    var bests: [Double] = []
    var seconds = 0.0
    for seed in 0..<seeds {
        let sweep = Sweep(space: space, searcher: searcher, trials: trials, parallel: parallel, seed: UInt64(seed), lag: lag)
        let start = ContinuousClock.now
        let result = try sweep.run { assignment, _ in (loss: function(assignment), extra: ()) }
        let elapsed = ContinuousClock.now - start
        seconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        bests.append(result.best?.loss ?? .nan)
    }
    let list = bests.map { "\($0)" }.joined(separator: ", ")
    print("{\"best\": [\(list)], \"seconds_per_trial\": \(seconds / Double(seeds * trials))}")
} catch {
    fail("\(error)")
}
