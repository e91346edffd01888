import Foundation
import NIOHTTP1
import Synchronization

/// Runs on an MLflow tracking server, through its REST API.
///
/// Run ids are MLflow's. Parents are the `mlflow.parentRunId` tag, names `mlflow.runName`, and
/// the model kind and cell code travel as `assay.model` and `assay.code` tags. The fitted model
/// goes to the server's artifact store (`mlflow server` serves it by default).
///
/// Each run carries its kernel's host, pid and process start as `assay.host`, `assay.pid` and
/// `assay.process_start`. The first time a store meets an experiment, it marks the RUNNING runs
/// there whose kernel on this host no longer exists as FAILED, with an `error` tag saying why,
/// as the embedded store does when it opens.
public final class MLflowStore: TrackingStore {
    public let location: String
    private let connection: ServerConnection
    private let experimentIDs = Mutex<[String: String]>([:])
    /// Upkeep that failed, until the session takes it to show.
    private let warnings = Mutex<[TrackingError]>([])

    static let parentTag = "mlflow.parentRunId"
    static let nameTag = "mlflow.runName"
    static let modelTag = "assay.model"
    static let codeTag = "assay.code"
    static let modelArtifact = "model.json"
    static let hostTag = "assay.host"
    static let pidTag = "assay.pid"
    static let processStartTag = "assay.process_start"
    private let owner = ProcessIdentity.current

    /// MLflow's per-request limits of runs/log-batch.
    static let batchLimits = (metrics: 1000, params: 100, tags: 100, total: 1000)

    /// `uri` is `http(s)://host:port` with an optional path prefix; `access` holds the
    /// credentials and TLS trust (by default the environment's). Nothing is sent yet.
    public init(
        uri: String, access: MLflowAccess = .from(), environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TrackingError) {
        location = uri
        connection = try ServerConnection(try HTTPEndpoint(uri), access: access, environment: environment)
    }

    /// Requests that change nothing, or change it to the same state when sent twice, and so
    /// may be retried; creating an experiment or a run may not.
    private static let repeatableEndpoints: Set<String> = ["runs/search", "experiments/search", "runs/log-batch", "runs/update"]

    // MARK: Requests

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }()

    private func call<Response: Decodable>(
        _ method: String, _ endpoint: String, _ what: String, body: (some Encodable)? = nil as String?, query: [(String, String)] = [],
        as type: Response.Type
    ) throws(TrackingError) -> Response {
        let response = try send(method, endpoint, what, body: body, query: query)
        do { return try JSONDecoder().decode(Response.self, from: response.body.isEmpty ? Data("{}".utf8) : response.body) } catch {
            throw TrackingError("the tracking server at \(location) answered \(what) with something that is not MLflow's JSON")
        }
    }

    private func send(_ method: String, _ endpoint: String, _ what: String, body: (some Encodable)?, query: [(String, String)])
        throws(TrackingError) -> HTTPResponse
    {
        let response = try connection.send(try request(method, endpoint, what, body: body, query: query))
        guard response.isSuccess else { throw failure(response, what) }
        return response
    }

    private func request(_ method: String, _ endpoint: String, _ what: String, body: (some Encodable)?, query: [(String, String)])
        throws(TrackingError) -> ServerConnection.Request
    {
        var path = "/api/2.0/mlflow/" + endpoint
        if !query.isEmpty {
            path += "?" + query.map { "\(MLflowStore.escape($0.0))=\(MLflowStore.escape($0.1))" }.joined(separator: "&")
        }
        var data: Data?
        if let body {
            do { data = try MLflowStore.encoder.encode(body) } catch { throw TrackingError("cannot encode \(what) for MLflow: \(error)") }
        }
        return ServerConnection.Request(
            method: .init(rawValue: method), path: path, body: data, isIdempotent: method == "GET" || MLflowStore.repeatableEndpoints.contains(endpoint))
    }

    private func failure(_ response: HTTPResponse, _ what: String) -> TrackingError {
        if response.status == 401 || response.status == 403 {
            let refusal = response.status == 401 ? "did not accept the credentials for" : "does not allow"
            return TrackingError(
                "the tracking server at \(connection.endpoint.origin) \(refusal) \(what) (HTTP \(response.status)): \(connection.access.advice(forStatus: response.status))")
        }
        let detail = try? JSONDecoder().decode(MLflowWire.Failure.self, from: response.body)
        var text = "the tracking server at \(location) refused \(what) (HTTP \(response.status)"
        if let code = detail?.errorCode { text += ", \(code)" }
        text += ")"
        if let message = detail?.message { text += ": \(message)" }
        return TrackingError(text)
    }

    private static func errorCode(_ error: TrackingError) -> Bool {
        error.message.contains("RESOURCE_DOES_NOT_EXIST") || error.message.contains("HTTP 404")
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    // MARK: Experiments

    public func experiment(named name: String) throws(TrackingError) -> Experiment {
        if let id = experimentIDs.withLock({ $0[name] }) { return Experiment(id: id, name: name) }
        let id: String
        do {
            id = try call("GET", "experiments/get-by-name", "finding experiment \"\(name)\"", query: [("experiment_name", name)], as: MLflowWire.ExperimentResponse.self)
                .experiment.experimentID
        } catch where MLflowStore.errorCode(error) {
            do {
                id = try call("POST", "experiments/create", "creating experiment \"\(name)\"", body: MLflowWire.CreateExperiment(name: name), as: MLflowWire.CreatedExperiment.self)
                    .experimentID
            } catch where error.message.contains("RESOURCE_ALREADY_EXISTS") {
                // Another client created it in between.
                id = try call("GET", "experiments/get-by-name", "finding experiment \"\(name)\"", query: [("experiment_name", name)], as: MLflowWire.ExperimentResponse.self)
                    .experiment.experimentID
            }
        }
        experimentIDs.withLock { $0[name] = id }
        // Best effort: a server that cannot search leaves its runs as they were, and says so.
        do throws(TrackingError) { try failAbandonedRuns(in: id) } catch {
            warnings.withLock {
                $0.append(TrackingError("runs that stopped kernels left RUNNING in experiment \"\(name)\" stay RUNNING: \(error.message)"))
            }
        }
        return Experiment(id: id, name: name)
    }

    public func takeWarnings() -> [TrackingError] {
        warnings.withLock { taken in defer { taken = [] }; return taken }
    }

    /// Marks RUNNING runs of `experiment` started by a process of this host that no longer
    /// exists as FAILED; their end is their last metric's time, or their start.
    private func failAbandonedRuns(in experiment: String) throws(TrackingError) {
        guard !owner.host.contains("'") else { return }
        var abandoned: [(id: String, process: ProcessIdentity, end: Int64)] = []
        var token: String?
        repeat {
            let request = MLflowWire.SearchRuns(
                experimentIDs: [experiment], filter: "attributes.status = 'RUNNING' and tags.`\(MLflowStore.hostTag)` = '\(owner.host)'",
                maxResults: 1000, orderBy: [], pageToken: token)
            let page = try call("POST", "runs/search", "searching runs left running", body: request, as: MLflowWire.RunsPage.self)
            for run in page.runs ?? [] {
                var tags: [String: String] = [:]
                for tag in run.data?.tags ?? [] { tags[tag.key] = tag.value }
                guard let pid = tags[MLflowStore.pidTag].flatMap(Int32.init) else { continue }
                let process = ProcessIdentity(host: owner.host, pid: pid, started: tags[MLflowStore.processStartTag] ?? "")
                guard !process.isAlive else { continue }
                let last = (run.data?.metrics ?? []).map(\.timestamp).max() ?? 0
                abandoned.append((run.info.runID, process, max(last, run.info.startTime ?? 0)))
            }
            token = page.nextPageToken.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        for run in abandoned {
            let reason = "the kernel (process \(run.process.pid) on \(run.process.host)) stopped while the run was running"
            try log(RunData(tags: [SQLiteStore.errorTag: reason]), to: run.id)
            try finish(run.id, status: .failed, endTime: run.end)
        }
    }

    public func experiments() throws(TrackingError) -> [Experiment] {
        var out: [Experiment] = []
        var token: String?
        repeat {
            let page = try call("POST", "experiments/search", "listing experiments", body: MLflowWire.SearchExperiments(maxResults: 1000, pageToken: token), as: MLflowWire.ExperimentsPage.self)
            out += (page.experiments ?? []).filter { $0.lifecycleStage != "deleted" }.map { Experiment(id: $0.experimentID, name: $0.name) }
            token = page.nextPageToken.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return out
    }

    // MARK: Writing runs

    public func createRun(_ run: NewRun) throws(TrackingError) -> String {
        var tags = run.tags
        tags[MLflowStore.nameTag] = run.name
        if let parent = run.parentID { tags[MLflowStore.parentTag] = parent }
        if let model = run.model { tags[MLflowStore.modelTag] = model }
        if let code = run.code {
            tags[MLflowStore.codeTag] = String(code.prefix(5000))
            tags["mlflow.note.content"] = String(("```\n" + code + "\n```").prefix(5000))
        }
        tags["mlflow.source.name"] = "assay"
        tags[MLflowStore.hostTag] = owner.host
        tags[MLflowStore.pidTag] = String(owner.pid)
        if !owner.started.isEmpty { tags[MLflowStore.processStartTag] = owner.started }
        if let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] {
            tags["mlflow.user"] = user
        }
        let request = MLflowWire.CreateRun(
            experimentID: run.experimentID, runName: String(run.name.prefix(250)), startTime: run.startTime,
            tags: tags.sorted { $0.key < $1.key }.map { MLflowWire.KeyValue(key: $0.key, value: $0.value) })
        let created = try call("POST", "runs/create", "creating run \"\(run.name)\"", body: request, as: MLflowWire.RunResponse.self)
        let id = created.run.info.runID
        if run.status != .running || run.endTime != nil {
            try finish(id, status: run.status, endTime: run.endTime ?? run.startTime)
        }
        return id
    }

    /// Large logs go as several requests, a few at a time (`ServerConnection.concurrentRequests`).
    public func log(_ data: RunData, to runID: String) throws(TrackingError) {
        var requests: [ServerConnection.Request] = []
        for batch in MLflowStore.batches(data) {
            let body = MLflowWire.LogBatch(
                runID: runID,
                metrics: batch.metrics.map { MLflowWire.Metric(key: $0.key, value: $0.value, timestamp: $0.timestamp, step: $0.step) },
                params: batch.params.sorted { $0.key < $1.key }.map { MLflowWire.KeyValue(key: $0.key, value: $0.value) },
                tags: batch.tags.sorted { $0.key < $1.key }.map { MLflowWire.KeyValue(key: $0.key, value: String($0.value.prefix(5000))) })
            requests.append(try request("POST", "runs/log-batch", "logging to run \(runID)", body: body, query: []))
        }
        for response in try connection.send(requests) where !response.isSuccess {
            throw failure(response, "logging to run \(runID)")
        }
    }

    /// Splits logged data into requests within MLflow's limits: at most 100 params, 100 tags
    /// and 1000 metrics each, and 1000 items in all.
    static func batches(_ data: RunData) -> [RunData] {
        var params = data.params.sorted { $0.key < $1.key }[...]
        var tags = data.tags.sorted { $0.key < $1.key }[...]
        var metrics = data.metrics[...]
        var out: [RunData] = []
        while !params.isEmpty || !tags.isEmpty || !metrics.isEmpty {
            var batch = RunData()
            let p = params.prefix(batchLimits.params)
            params = params.dropFirst(p.count)
            let t = tags.prefix(batchLimits.tags)
            tags = tags.dropFirst(t.count)
            let m = metrics.prefix(min(batchLimits.metrics, batchLimits.total - p.count - t.count))
            metrics = metrics.dropFirst(m.count)
            batch.params = Dictionary(uniqueKeysWithValues: p.map { ($0.key, $0.value) })
            batch.tags = Dictionary(uniqueKeysWithValues: t.map { ($0.key, $0.value) })
            batch.metrics = Array(m)
            out.append(batch)
        }
        return out
    }

    public func finish(_ runID: String, status: RunStatus, endTime: Int64) throws(TrackingError) {
        _ = try send("POST", "runs/update", "ending run \(runID)", body: MLflowWire.UpdateRun(runID: runID, status: status.rawValue, endTime: endTime), query: [])
    }

    public func setModel(_ model: Data, of runID: String) throws(TrackingError) {
        let path = try artifactPath(of: runID)
        let response = try connection.send(
            .init(method: .PUT, path: "/api/2.0/mlflow-artifacts/artifacts/" + path, body: model, isIdempotent: true))
        guard response.isSuccess else { throw failure(response, "storing the model of run \(runID)") }
    }

    public func model(of runID: String) throws(TrackingError) -> Data? {
        let path = try artifactPath(of: runID)
        let response = try connection.send(.init(method: .GET, path: "/api/2.0/mlflow-artifacts/artifacts/" + path, isIdempotent: true))
        if response.status == 404 { return nil }
        guard response.isSuccess else { throw failure(response, "reading the model of run \(runID)") }
        return response.body
    }

    /// The model's path under the server's artifact proxy, from the run's artifact URI
    /// (`mlflow-artifacts:/1/RUN/artifacts`).
    private func artifactPath(of runID: String) throws(TrackingError) -> String {
        let info = try call("GET", "runs/get", "reading run \(runID)", query: [("run_id", runID)], as: MLflowWire.RunResponse.self).run.info
        guard var uri = info.artifactURI, uri.hasPrefix("mlflow-artifacts:") else {
            throw TrackingError("the tracking server at \(location) keeps artifacts where Assay cannot reach them (\(info.artifactURI ?? "none")); start it with --serve-artifacts")
        }
        uri.removeFirst("mlflow-artifacts:".count)
        if uri.hasPrefix("//") {
            // mlflow-artifacts://host:port/path
            uri.removeFirst(2)
            uri = uri.firstIndex(of: "/").map { String(uri[$0...]) } ?? ""
        }
        while uri.hasPrefix("/") { uri.removeFirst() }
        let segments = (uri.split(separator: "/").map(String.init) + [MLflowStore.modelArtifact]).map(MLflowStore.escape)
        return segments.joined(separator: "/")
    }

    // MARK: Reading runs

    public func run(_ id: String) throws(TrackingError) -> Run {
        do {
            return try convert(call("GET", "runs/get", "reading run \(id)", query: [("run_id", id)], as: MLflowWire.RunResponse.self).run)
        } catch where MLflowStore.errorCode(error) || error.message.contains("INVALID_PARAMETER_VALUE") {
            throw TrackingError.unknownRun(id)
        }
    }

    public func metricHistory(of runID: String) throws(TrackingError) -> [MetricPoint] {
        let run = try self.run(runID)
        var points: [MetricPoint] = []
        for key in run.metrics.keys.sorted() {
            var token: String?
            repeat {
                var query = [("run_id", run.id), ("metric_key", key), ("max_results", "25000")]
                if let token { query.append(("page_token", token)) }
                let page = try call("GET", "metrics/get-history", "reading metric \(key) of run \(run.id)", query: query, as: MLflowWire.MetricHistory.self)
                points += (page.metrics ?? []).map { MetricPoint(key: $0.key, value: $0.value, step: $0.step, timestamp: $0.timestamp) }
                token = page.nextPageToken.flatMap { $0.isEmpty ? nil : $0 }
            } while token != nil
        }
        return points.sorted { ($0.key, $0.step, $0.timestamp) < ($1.key, $1.step, $1.timestamp) }
    }

    /// Searches with as much of the query as MLflow understands; the rest is done here on the
    /// runs it returns.
    public func searchRuns(_ query: RunQuery) throws(TrackingError) -> [Run] {
        let filter = MLflowFilter(query.filter)
        let serverOrder = MLflowFilter.orderBy(query.order)
        // The server can stop at the limit only when it filters and sorts everything itself.
        let serverLimit = filter.local == nil && serverOrder != nil ? query.limit : nil
        let cap = serverLimit ?? 50_000
        var experiments = query.experimentIDs
        if experiments.isEmpty { experiments = try self.experiments().map(\.id) }
        var found: [Run] = []
        var token: String?
        repeat {
            let request = MLflowWire.SearchRuns(
                experimentIDs: experiments, filter: filter.server, maxResults: min(1000, cap - found.count),
                orderBy: serverOrder.map { query.order.field == .start ? [$0] : [$0, "attributes.start_time DESC"] } ?? [],
                pageToken: token)
            let page = try call("POST", "runs/search", "searching runs", body: request, as: MLflowWire.RunsPage.self)
            for run in page.runs ?? [] { found.append(try convert(run)) }
            token = page.nextPageToken.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil && found.count < cap
        return query.apply(to: found)
    }

    private func convert(_ wire: MLflowWire.Run) throws(TrackingError) -> Run {
        var tags: [String: String] = [:]
        for tag in wire.data?.tags ?? [] { tags[tag.key] = tag.value }
        var params: [String: String] = [:]
        for param in wire.data?.params ?? [] { params[param.key] = param.value }
        var metrics: [String: Double] = [:]
        for metric in wire.data?.metrics ?? [] { metrics[metric.key] = metric.value }
        let info = wire.info
        let parent = tags.removeValue(forKey: MLflowStore.parentTag)
        let model = tags.removeValue(forKey: MLflowStore.modelTag)
        let code = tags.removeValue(forKey: MLflowStore.codeTag)
        for key in [MLflowStore.hostTag, MLflowStore.pidTag, MLflowStore.processStartTag] { tags.removeValue(forKey: key) }
        let name = info.runName ?? tags[MLflowStore.nameTag] ?? info.runID
        let status = info.status.flatMap(RunStatus.init(rawValue:)) ?? .running
        let end = info.endTime.flatMap { $0 > 0 && status.isTerminal ? $0 : nil }
        return Run(
            id: info.runID, name: name, experimentID: info.experimentID, parentID: parent, status: status,
            startTime: info.startTime ?? 0, endTime: end, model: model, code: code, params: params, metrics: metrics, tags: tags)
    }
}
