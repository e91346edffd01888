@testable import AssayTracking
import Foundation
import Testing

/// What the MLflow store sends: filters in MLflow's syntax, batches within its limits.
@Suite struct MLflowTests {
    @Test func supportedConjunctsGoToTheServerAndTheRestStays() {
        let filter = RunFilter.and(
            .and(.compare(.metric("f1"), .greater, .number(0.9)), .compare(.param("boost.rate"), .less, .number(0.1))),
            .and(.compare(.model, .equal, .string("boost")), .compare(.status, .equal, .string("FINISHED"))))
        let translated = MLflowFilter(filter)
        #expect(translated.server == "metrics.f1 > 0.9 and tags.`assay.model` = 'boost' and attributes.status = 'FINISHED'")
        #expect(translated.local == .compare(.param("boost.rate"), .less, .number(0.1)))
    }

    @Test func orAndQuotesStayLocal() {
        let or = RunFilter.or(.compare(.metric("a"), .greater, .number(1)), .compare(.metric("b"), .greater, .number(1)))
        #expect(MLflowFilter(or).server == "")
        #expect(MLflowFilter(or).local == or)
        let quote = RunFilter.compare(.tag("note"), .equal, .string("it's"))
        #expect(MLflowFilter(quote).server == "")
    }

    @Test func keysWithOtherCharactersAreQuoted() {
        #expect(MLflowFilter.quoted("train_auc") == "train_auc")
        #expect(MLflowFilter.quoted("boost.rate") == "`boost.rate`")
    }

    @Test func batchesStayWithinTheLimits() {
        let params = Dictionary(uniqueKeysWithValues: (0..<250).map { ("p\($0)", "v") })
        let tags = Dictionary(uniqueKeysWithValues: (0..<30).map { ("t\($0)", "v") })
        let metrics = (0..<2500).map { MetricPoint(key: "m", value: Double($0), step: Int64($0), timestamp: 0) }
        let batches = MLflowStore.batches(RunData(params: params, metrics: metrics, tags: tags))
        for batch in batches {
            #expect(batch.params.count <= 100 && batch.tags.count <= 100 && batch.metrics.count <= 1000)
            #expect(batch.params.count + batch.tags.count + batch.metrics.count <= 1000)
        }
        #expect(batches.reduce(0) { $0 + $1.params.count } == 250)
        #expect(batches.reduce(0) { $0 + $1.tags.count } == 30)
        #expect(batches.flatMap(\.metrics).map(\.step) == (0..<2500).map(Int64.init))
    }

    @Test func addressesAreReadOrRefused() throws {
        let endpoint = try HTTPEndpoint("http://127.0.0.1:5000/mlflow/")
        #expect(endpoint.host == "127.0.0.1" && endpoint.port == 5000 && endpoint.basePath == "/mlflow")
        #expect(try HTTPEndpoint("http://tracking").port == 80)
        #expect(throws: TrackingError.self) { try HTTPEndpoint("https://example.com") }
        #expect(throws: TrackingError.self) { try HTTPEndpoint("http://host:port") }
    }

    @Test func chunkedAndSizedResponsesParse() throws {
        let chunked = Data("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n".utf8)
        #expect(HTTPClient.isComplete(chunked))
        let response = try HTTPClient.parse(chunked, from: "x")
        #expect(response.status == 200 && String(decoding: response.body, as: UTF8.self) == "{\"a\":1}")
        let sized = Data("HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}".utf8)
        #expect(try HTTPClient.parse(sized, from: "x").status == 404)
        #expect(!HTTPClient.isComplete(Data("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n{}".utf8)))
    }

    @Test func aServerThatIsNotThereIsAClearError() throws {
        let store = try MLflowStore(uri: "http://127.0.0.1:9")
        do {
            _ = try store.experiment(named: "x")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasPrefix("cannot reach the tracking server at http://127.0.0.1:9"))
        }
    }

    @Test func exportPutsParentsFirst() {
        let child = Run(id: "b", name: "child", experimentID: "1", parentID: "a", status: .finished, startTime: 1)
        let parent = Run(id: "a", name: "parent", experimentID: "1", status: .finished, startTime: 2)
        #expect(RunExport.parentsFirst([child, parent]).map(\.id) == ["a", "b"])
    }
}
