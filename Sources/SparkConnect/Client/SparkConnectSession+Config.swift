import GRPCCore

extension SparkConnectSession {
    /// Sets runtime configuration values, such as `spark.sql.shuffle.partitions`.
    public func config(set pairs: [(String, String)]) async throws(SparkConnectError) {
        _ = try await config(.with {
            $0.set = .with { $0.pairs = pairs.map { pair in .with { $0.key = pair.0; $0.value = pair.1 } } }
        })
    }

    /// The values of configuration keys, in order; nil for a key that has no value set and
    /// no default.
    public func config(get keys: [String]) async throws(SparkConnectError) -> [String?] {
        let response = try await config(.with { $0.getOption = .with { $0.keys = keys } })
        return response.pairs.map { $0.hasValue ? $0.value : nil }
    }

    /// Returns configuration keys to their defaults.
    public func config(unset keys: [String]) async throws(SparkConnectError) {
        _ = try await config(.with { $0.unset = .with { $0.keys = keys } })
    }

    private func config(_ operation: Spark_Connect_ConfigRequest.Operation) async throws(SparkConnectError) -> Spark_Connect_ConfigResponse {
        let request: ClientRequest<Spark_Connect_ConfigRequest> = request { $0.operation = operation }
        let response = try await mappingErrors {
            try await service.config(request: request, options: callOptions()) { try $0.message }
        }
        observe(serverSideSessionID: response.serverSideSessionID)
        return response
    }
}
