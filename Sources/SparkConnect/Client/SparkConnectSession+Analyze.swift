import GRPCCore

/// How much `explain` shows, as Spark's `explain(mode)` does.
public enum SparkExplainMode: Sendable {
    case simple, extended, codegen, cost, formatted

    var proto: Spark_Connect_AnalyzePlanRequest.Explain.ExplainMode {
        switch self {
        case .simple: .simple
        case .extended: .extended
        case .codegen: .codegen
        case .cost: .cost
        case .formatted: .formatted
        }
    }
}

extension SparkConnectSession {
    /// The schema of a plan's result, without running it: a struct type.
    public func schema(of plan: Spark_Connect_Plan) async throws(SparkConnectError) -> Spark_Connect_DataType {
        let response = try await analyze { $0.schema = .with { $0.plan = plan } }
        guard case .schema(let schema)? = response.result else { throw .unexpected("no schema in the answer") }
        return schema.schema
    }

    /// The server's Spark version, such as "4.0.1". It waits at most `connectTimeout`, so it
    /// is also the check that the server is there.
    public func sparkVersion() async throws(SparkConnectError) -> String {
        let response: Spark_Connect_AnalyzePlanResponse
        do throws(SparkConnectError) {
            response = try await analyze(timeout: connectTimeout) { $0.sparkVersion = .init() }
        } catch where error.grpcCode == "\(RPCError.Code.deadlineExceeded)" {
            throw SparkConnectError(
                kind: .unavailable, message: "no answer from the Spark Connect server at \(server) within \(connectTimeout)",
                grpcCode: error.grpcCode)
        }
        guard case .sparkVersion(let version)? = response.result else { throw .unexpected("no version in the answer") }
        return version.version
    }

    /// The plan as Spark's `explain` prints it.
    public func explain(_ plan: Spark_Connect_Plan, mode: SparkExplainMode = .simple) async throws(SparkConnectError) -> String {
        let response = try await analyze {
            $0.explain = .with {
                $0.plan = plan
                $0.explainMode = mode.proto
            }
        }
        guard case .explain(let explain)? = response.result else { throw .unexpected("no explain string in the answer") }
        return explain.explainString
    }

    /// The schema as Spark's `printSchema` shows it (a tree).
    public func treeString(of plan: Spark_Connect_Plan) async throws(SparkConnectError) -> String {
        let response = try await analyze { $0.treeString = .with { $0.plan = plan } }
        guard case .treeString(let tree)? = response.result else { throw .unexpected("no tree string in the answer") }
        return tree.treeString
    }

    private func analyze(
        timeout: Duration? = nil, _ build: (inout Spark_Connect_AnalyzePlanRequest) -> Void
    ) async throws(SparkConnectError) -> Spark_Connect_AnalyzePlanResponse {
        let request: ClientRequest<Spark_Connect_AnalyzePlanRequest> = request(build)
        let response = try await mappingErrors {
            try await service.analyzePlan(request: request, options: callOptions(timeout: timeout)) { try $0.message }
        }
        observe(serverSideSessionID: response.serverSideSessionID)
        return response
    }
}
