import AssayTracking
import Foundation
import Testing

/// Filters, orders and limits: the SQL the store runs agrees with the filter's own semantics.
@Suite struct RunQueryTests {
    /// Six runs: two models, metrics on some, a numeric and a text param.
    func populated() throws -> (TemporaryStore, Experiment, [String: String]) {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let experiment = try store.experiment(named: "q")
        var ids: [String: String] = [:]
        let rows: [(String, String, Double?, String, RunStatus)] = [
            ("a", "forest", 0.91, "200", .finished), ("b", "forest", 0.85, "50", .finished), ("c", "boost", 0.95, "100", .finished),
            ("d", "boost", nil, "100", .failed), ("e", "logistic", 0.80, "n/a", .finished), ("f", "knn", 0.70, "9", .running),
        ]
        for (offset, row) in rows.enumerated() {
            let id = try store.createRun(NewRun(experimentID: experiment.id, name: row.0, startTime: 1_000 + Int64(offset), model: row.1))
            var data = RunData(params: ["trees": row.3], tags: ["dataset": offset < 3 ? "train" : "other"])
            if let f1 = row.2 { data.metrics = [MetricPoint(key: "f1", value: f1, timestamp: 0)] }
            try store.log(data, to: id)
            if row.4 != .running { try store.finish(id, status: row.4, endTime: 2_000 + Int64(offset) * 100) }
            ids[row.0] = id
        }
        return (temporary, experiment, ids)
    }

    static let cases: [(RunFilter?, RunOrder, Int?, [String])] = [
        (nil, .newestFirst, nil, ["f", "e", "d", "c", "b", "a"]),
        (.compare(.metric("f1"), .greater, .number(0.9)), .newestFirst, nil, ["c", "a"]),
        (.compare(.metric("f1"), .notEqual, .number(0.9)), RunOrder(.name), nil, ["a", "b", "c", "e", "f"]),
        (.not(.compare(.metric("f1"), .greater, .number(0.9))), RunOrder(.name), nil, ["b", "e", "f"]),
        (.compare(.param("trees"), .greaterEqual, .number(100)), RunOrder(.name), nil, ["a", "c", "d"]),
        (.compare(.param("trees"), .equal, .string("n/a")), .newestFirst, nil, ["e"]),
        (.compare(.model, .equal, .string("boost")), .newestFirst, nil, ["d", "c"]),
        (.oneOf(.model, [.string("knn"), .string("logistic")], negated: false), RunOrder(.name), nil, ["e", "f"]),
        (.missing(.metric("f1"), negated: false), .newestFirst, nil, ["d"]),
        (.compare(.status, .equal, .string("FAILED")), .newestFirst, nil, ["d"]),
        (.compare(.duration, .greater, .number(1.2)), RunOrder(.duration, descending: true), nil, ["e", "d"]),
        (.or(.compare(.tag("dataset"), .equal, .string("train")), .compare(.metric("f1"), .less, .number(0.75))), RunOrder(.name), nil, ["a", "b", "c", "f"]),
        (nil, RunOrder(.metric("f1"), descending: true), 3, ["c", "a", "b"]),
        (nil, RunOrder(.metric("f1")), nil, ["f", "e", "b", "a", "c", "d"]),
        (nil, RunOrder(.param("trees")), nil, ["f", "b", "d", "c", "a", "e"]),
        (.compare(.start, .greaterEqual, .number(1_004)), .newestFirst, nil, ["f", "e"]),
    ]

    @Test(arguments: cases.indices)
    func theStoreAndTheFilterAgree(_ index: Int) throws {
        let (temporary, experiment, ids) = try populated()
        let (filter, order, limit, expected) = RunQueryTests.cases[index]
        let query = RunQuery(experimentIDs: [experiment.id], filter: filter, order: order, limit: limit)
        let found = try temporary.store.searchRuns(query)
        let names = Dictionary(uniqueKeysWithValues: ids.map { ($0.value, $0.key) })
        #expect(found.map { names[$0.id] ?? "?" } == expected, "SQL")
        // The same query in memory, as the MLflow store applies what the server cannot.
        let everything = try temporary.store.searchRuns(RunQuery(experimentIDs: [experiment.id]))
        #expect(query.apply(to: everything).map { names[$0.id] ?? "?" } == expected, "in memory")
    }

    /// Runs started in the same millisecond (a tune and its first trial) list in the order
    /// they were written, newest first, every time: not by their random ids.
    @Test func runsStartedTogetherListInTheOrderTheyWereWritten() throws {
        let temporary = try TemporaryStore()
        let experiment = try temporary.store.experiment(named: "ties")
        var written: [String] = []
        for index in 0..<12 {
            written.append(try temporary.store.createRun(NewRun(experimentID: experiment.id, name: "r\(index)", startTime: 5_000, model: "tree")))
        }
        let found = try temporary.store.searchRuns(RunQuery(experimentIDs: [experiment.id]))
        #expect(found.map(\.id) == written.reversed())
        let byModel = try temporary.store.searchRuns(RunQuery(experimentIDs: [experiment.id], order: RunOrder(.model)))
        #expect(byModel.map(\.id) == written.reversed())
    }
}
