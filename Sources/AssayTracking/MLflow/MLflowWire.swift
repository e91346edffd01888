import Foundation

/// The JSON messages of MLflow's REST API (/api/2.0/mlflow/...) that the store sends and reads.
enum MLflowWire {
    struct KeyValue: Codable, Sendable {
        var key: String
        var value: String
    }

    struct Metric: Codable, Sendable {
        var key: String
        var value: Double
        var timestamp: Int64
        var step: Int64

        init(key: String, value: Double, timestamp: Int64, step: Int64) {
            self.key = key
            self.value = value
            self.timestamp = timestamp
            self.step = step
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            key = try c.decode(String.self, forKey: .key)
            value = try MLflowWire.double(c, .value) ?? .nan
            timestamp = try MLflowWire.int64(c, .timestamp) ?? 0
            step = try MLflowWire.int64(c, .step) ?? 0
        }
    }

    struct Experiment: Decodable, Sendable {
        var experimentID: String
        var name: String
        var lifecycleStage: String?

        enum CodingKeys: String, CodingKey {
            case experimentID = "experiment_id", name, lifecycleStage = "lifecycle_stage"
        }
    }

    struct RunInfo: Decodable, Sendable {
        var runID: String
        var experimentID: String
        var runName: String?
        var status: String?
        var startTime: Int64?
        var endTime: Int64?
        var artifactURI: String?

        enum CodingKeys: String, CodingKey {
            case runID = "run_id", runUUID = "run_uuid", experimentID = "experiment_id", runName = "run_name", status
            case startTime = "start_time", endTime = "end_time", artifactURI = "artifact_uri"
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            guard let id = try c.decodeIfPresent(String.self, forKey: .runID) ?? c.decodeIfPresent(String.self, forKey: .runUUID) else {
                throw DecodingError.keyNotFound(CodingKeys.runID, .init(codingPath: c.codingPath, debugDescription: "a run without an id"))
            }
            runID = id
            experimentID = try c.decode(String.self, forKey: .experimentID)
            runName = try c.decodeIfPresent(String.self, forKey: .runName)
            status = try c.decodeIfPresent(String.self, forKey: .status)
            startTime = try MLflowWire.int64(c, .startTime)
            endTime = try MLflowWire.int64(c, .endTime)
            artifactURI = try c.decodeIfPresent(String.self, forKey: .artifactURI)
        }
    }

    struct RunData: Decodable, Sendable {
        var metrics: [Metric]?
        var params: [KeyValue]?
        var tags: [KeyValue]?
    }

    struct Run: Decodable, Sendable {
        var info: RunInfo
        var data: RunData?
    }

    // MARK: Requests

    struct CreateExperiment: Encodable {
        var name: String
    }

    struct CreateRun: Encodable {
        var experimentID: String
        var runName: String
        var startTime: Int64
        var tags: [KeyValue]

        enum CodingKeys: String, CodingKey {
            case experimentID = "experiment_id", runName = "run_name", startTime = "start_time", tags
        }
    }

    struct LogBatch: Encodable {
        var runID: String
        var metrics: [Metric]
        var params: [KeyValue]
        var tags: [KeyValue]

        enum CodingKeys: String, CodingKey {
            case runID = "run_id", metrics, params, tags
        }
    }

    struct UpdateRun: Encodable {
        var runID: String
        var status: String
        var endTime: Int64

        enum CodingKeys: String, CodingKey {
            case runID = "run_id", status, endTime = "end_time"
        }
    }

    struct SearchRuns: Encodable {
        var experimentIDs: [String]
        var filter: String
        var maxResults: Int
        var orderBy: [String]
        var pageToken: String?

        enum CodingKeys: String, CodingKey {
            case experimentIDs = "experiment_ids", filter, maxResults = "max_results", orderBy = "order_by"
            case pageToken = "page_token"
        }
    }

    struct SearchExperiments: Encodable {
        var maxResults: Int
        var pageToken: String?

        enum CodingKeys: String, CodingKey {
            case maxResults = "max_results", pageToken = "page_token"
        }
    }

    // MARK: Responses

    struct ExperimentResponse: Decodable { var experiment: Experiment }
    struct CreatedExperiment: Decodable {
        var experimentID: String
        enum CodingKeys: String, CodingKey { case experimentID = "experiment_id" }
    }
    struct RunResponse: Decodable { var run: Run }
    struct RunsPage: Decodable {
        var runs: [Run]?
        var nextPageToken: String?
        enum CodingKeys: String, CodingKey { case runs, nextPageToken = "next_page_token" }
    }
    struct ExperimentsPage: Decodable {
        var experiments: [Experiment]?
        var nextPageToken: String?
        enum CodingKeys: String, CodingKey { case experiments, nextPageToken = "next_page_token" }
    }
    struct MetricHistory: Decodable {
        var metrics: [Metric]?
        var nextPageToken: String?
        enum CodingKeys: String, CodingKey { case metrics, nextPageToken = "next_page_token" }
    }
    struct Failure: Decodable {
        var errorCode: String?
        var message: String?
        enum CodingKeys: String, CodingKey { case errorCode = "error_code", message }
    }

    // MARK: Numbers, which protobuf's JSON may write as text

    static func int64<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> Int64? {
        if let number = try? c.decodeIfPresent(Int64.self, forKey: key) { return number }
        if let text = try? c.decodeIfPresent(String.self, forKey: key) { return Int64(text) }
        return nil
    }

    static func double<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> Double? {
        if let number = try? c.decodeIfPresent(Double.self, forKey: key) { return number }
        if let text = try? c.decodeIfPresent(String.self, forKey: key) { return Double(text) }
        return nil
    }
}
