import GRPCCore

extension SparkConnectSession {
    /// Interrupts one operation of this session; returns the ids of what was interrupted.
    @discardableResult
    public func interrupt(operationID: String) async throws(SparkConnectError) -> [String] {
        try await interrupt(operationID: operationID, timeout: .seconds(30))
    }

    func interrupt(operationID: String, timeout: Duration) async throws(SparkConnectError) -> [String] {
        try await interrupt(timeout: timeout) { $0.interruptType = .operationID; $0.operationID = operationID }
    }

    /// Interrupts every operation of this session that carries the tag.
    @discardableResult
    public func interrupt(tag: String) async throws(SparkConnectError) -> [String] {
        try await interrupt { $0.interruptType = .tag; $0.operationTag = tag }
    }

    /// Interrupts every operation of this session.
    @discardableResult
    public func interruptAll() async throws(SparkConnectError) -> [String] {
        try await interrupt { $0.interruptType = .all }
    }

    private func interrupt(
        timeout: Duration = .seconds(30), _ build: (inout Spark_Connect_InterruptRequest) -> Void
    ) async throws(SparkConnectError) -> [String] {
        let request: ClientRequest<Spark_Connect_InterruptRequest> = request(build)
        let response = try await mappingErrors {
            try await service.interrupt(request: request, options: callOptions(timeout: timeout)) { try $0.message }
        }
        return response.interruptedIds
    }
}
