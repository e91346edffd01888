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
        #expect(endpoint.url("/api/x?a=1") == "http://127.0.0.1:5000/mlflow/api/x?a=1")
        #expect(try HTTPEndpoint("http://tracking").port == 80)
        let secure = try HTTPEndpoint("https://mlflow.example.com/")
        #expect(secure.isSecure && secure.port == 443 && secure.origin == "https://mlflow.example.com")
        #expect(try HTTPEndpoint("https://[::1]:8443").origin == "https://[::1]:8443")
        #expect(throws: TrackingError.self) { try HTTPEndpoint("ftp://example.com") }
        #expect(throws: TrackingError.self) { try HTTPEndpoint("http://host:port") }
    }

    @Test func credentialsInTheAddressAreRefusedWithoutBeingRepeated() {
        #expect {
            try HTTPEndpoint("https://ana:s3cret@example.com")
        } throws: { error in
            let message = (error as? TrackingError)?.message ?? ""
            return !message.contains("s3cret") && message.contains("MLFLOW_TRACKING_PASSWORD")
        }
    }

    @Test func credentialsComeFromTheEnvironmentUnlessTheSessionNamesItsOwn() {
        let environment = [
            "MLFLOW_TRACKING_USERNAME": "ana", "MLFLOW_TRACKING_PASSWORD": "pw", "MLFLOW_TRACKING_INSECURE_TLS": "true",
            "MLFLOW_TRACKING_SERVER_CERT_PATH": "/etc/ca.pem",
        ]
        let fromEnvironment = MLflowAccess.from(environment)
        #expect(fromEnvironment.authorization == "Basic " + Data("ana:pw".utf8).base64EncodedString())
        #expect(fromEnvironment.skipsVerification && fromEnvironment.certificatePath == "/etc/ca.pem")
        let session = MLflowAccess.from(environment, session: MLflowAccess(token: "t0k"))
        #expect(session.authorization == "Bearer t0k" && session.username == nil && session.skipsVerification)
        #expect(MLflowAccess.from([:]).authorization == nil)
    }

    @Test func secretsAreNeverShown() {
        let access = MLflowAccess(token: "t0k3n", username: "ana", password: "s3cret")
        for text in [String(describing: access), String(reflecting: access), "\(TrackingLocation.server("https://x", session: access))"] {
            #expect(!text.contains("t0k3n") && !text.contains("s3cret"))
        }
    }

    @Test(arguments: [
        (MLflowAccess(), 401, "the server asks for credentials: set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD"),
        (MLflowAccess(token: "t"), 401, "check MLFLOW_TRACKING_TOKEN"),
        (MLflowAccess(username: "u", password: "p"), 401, "check MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD"),
        (MLflowAccess(username: "u"), 401, "set MLFLOW_TRACKING_PASSWORD too"),
    ])
    func refusalsNameTheVariableToSet(access: MLflowAccess, status: Int, advice: String) {
        #expect(access.advice(forStatus: status) == advice)
    }

    @Test func retriesBackOffWithinBounds() {
        let policy = RetryPolicy()
        #expect((1...5).map { policy.delay(beforeRetry: $0) } == [0.2, 0.4, 0.8, 1.6, 3.2])
        #expect(policy.delay(beforeRetry: 9) == 4)
        #expect(policy.delay(beforeRetry: 1, retryAfter: "2") == 2)
        #expect(policy.delay(beforeRetry: 1, retryAfter: "600") == 4)
        #expect(RetryPolicy.from(["MLFLOW_HTTP_REQUEST_MAX_RETRIES": "50"]).retries == 10)
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
