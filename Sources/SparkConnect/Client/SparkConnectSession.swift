import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import SwiftProtobuf
import Synchronization

/// A session on a Spark Connect server: one gRPC connection, one server-side Spark session.
///
/// Every operation has an `async` form and a blocking form for callers on a plain thread
/// (`SparkConnectSession+Blocking.swift`). The connection runs in a background task until
/// `close()` or deinit.
public final class SparkConnectSession: Sendable {
    typealias Transport = HTTP2ClientTransport.Posix
    typealias Service = Spark_Connect_SparkConnectService.Client<Transport>

    public let uri: SparkConnectURI
    /// The session's id on the server: the URI's `session_id`, or a new UUID.
    public let sessionID: String
    /// Sent as `client_type` with every request: `assay/<version>`, after the URI's `user_agent`.
    public let clientType: String
    /// How long `sparkVersion()` waits for a first answer before calling the server unavailable.
    public let connectTimeout: Duration

    let userContext: Spark_Connect_UserContext
    let metadata: Metadata
    let service: Service
    /// `host:port`, for messages.
    let server: String
    private let client: GRPCClient<Transport>
    private let connections: Task<Void, Never>
    /// The server's id for this session, as first seen; sent back so a restarted server (a
    /// new Spark session under the same id) is an error rather than silently lost state.
    private let serverSideSessionID = Mutex<String?>(nil)

    public init(
        uri: SparkConnectURI, clientVersion: String = "dev", connectTimeout: Duration = .seconds(5)
    ) throws(SparkConnectError) {
        self.uri = uri
        self.sessionID = uri.sessionID ?? UUID().uuidString.lowercased()
        self.clientType = [uri.userAgent, "assay/\(clientVersion)"].compactMap { $0 }.joined(separator: " ")
        self.connectTimeout = connectTimeout
        self.server = "\(uri.host):\(uri.port)"
        self.userContext = .with { $0.userID = uri.userID ?? ProcessInfo.processInfo.userName }
        var metadata = Metadata()
        if let token = uri.token { metadata.addString("Bearer \(token)", forKey: "authorization") }
        self.metadata = metadata

        let target: any ResolvableTarget =
            uri.host.contains(":")
            ? ResolvableTargets.IPv6(addresses: [.init(host: uri.host, port: uri.port)])
            : ResolvableTargets.DNS(host: uri.host, port: uri.port)
        do {
            let transport = try HTTP2ClientTransport.Posix(
                target: target, transportSecurity: uri.usesTLS ? .tls : .plaintext)
            self.client = GRPCClient(transport: transport)
        } catch {
            throw .invalidURI("no way to connect to \(server): \(error)", uri: uri.description)
        }
        self.service = Service(wrapping: client)
        let client = self.client
        // The client's connections live as long as this task; RPCs wait for it to start.
        self.connections = Task { try? await client.runConnections() }
    }

    public convenience init(
        _ uri: String, clientVersion: String = "dev", connectTimeout: Duration = .seconds(5)
    ) throws(SparkConnectError) {
        try self.init(uri: SparkConnectURI(uri), clientVersion: clientVersion, connectTimeout: connectTimeout)
    }

    /// Stops accepting calls; calls under way finish, then the connection closes.
    public func close() {
        client.beginGracefulShutdown()
    }

    deinit {
        client.beginGracefulShutdown()
        connections.cancel()
    }

    /// Call options for every RPC: Arrow batches can exceed gRPC's 4 MiB default.
    func callOptions(timeout: Duration? = nil) -> CallOptions {
        var options = CallOptions.defaults
        options.maxRequestMessageBytes = 128 << 20
        options.maxResponseMessageBytes = 128 << 20
        options.timeout = timeout
        return options
    }

    func request<Message: SessionScoped>(_ build: (inout Message) -> Void) -> ClientRequest<Message> {
        var message = Message()
        message.sessionID = sessionID
        message.userContext = userContext
        message.clientType = clientType
        if let observed = serverSideSessionID.withLock({ $0 }) {
            message.clientObservedServerSideSessionID = observed
        }
        build(&message)
        return ClientRequest(message: message, metadata: metadata)
    }

    func observe(serverSideSessionID id: String) {
        guard !id.isEmpty else { return }
        serverSideSessionID.withLock { if $0 == nil { $0 = id } }
    }

    /// Runs one call, turning what it throws into a `SparkConnectError`: gRPC statuses with
    /// Spark's error detail (completed by FetchErrorDetails when the server kept the error),
    /// task cancellation, and anything else as a protocol error.
    func mappingErrors<T: Sendable>(_ body: () async throws -> T) async throws(SparkConnectError) -> T {
        do {
            return try await body()
        } catch {
            throw await sparkError(for: error)
        }
    }

    func sparkError(for error: any Error) async -> SparkConnectError {
        switch error {
        case let error as SparkConnectError:
            return error
        case is CancellationError:
            return .cancelled
        case let error as RuntimeError where error.code == .clientIsStopped:
            return SparkConnectError(kind: .unavailable, message: "the Spark Connect session with \(server) is closed")
        case let error as RuntimeError:
            return SparkConnectError(kind: .unavailable, message: "cannot reach the Spark Connect server at \(server): \(error.message)")
        case let error as RPCError:
            let status = SparkStatus(error)
            var mapped = SparkConnectError(status, server: server)
            if let errorID = status.errorID, mapped.kind != .cancelled, !Task.isCancelled,
               let details = try? await fetchErrorDetails(errorID: errorID) {
                mapped.enrich(with: details)
            }
            return mapped
        default:
            return .unexpected("\(error)")
        }
    }

    private func fetchErrorDetails(errorID: String) async throws -> Spark_Connect_FetchErrorDetailsResponse {
        let request: ClientRequest<Spark_Connect_FetchErrorDetailsRequest> = request { $0.errorID = errorID }
        return try await service.fetchErrorDetails(request: request, options: callOptions(timeout: .seconds(10))) {
            try $0.message
        }
    }
}

/// The fields every request scoped to a session carries.
protocol SessionScoped: SwiftProtobuf.Message {
    var sessionID: String { get set }
    var userContext: Spark_Connect_UserContext { get set }
    var clientType: String { get set }
    var clientObservedServerSideSessionID: String { get set }
}

extension Spark_Connect_ExecutePlanRequest: SessionScoped {}
extension Spark_Connect_AnalyzePlanRequest: SessionScoped {}
extension Spark_Connect_ConfigRequest: SessionScoped {}
extension Spark_Connect_InterruptRequest: SessionScoped {}
extension Spark_Connect_ReattachExecuteRequest: SessionScoped {}
extension Spark_Connect_ReleaseExecuteRequest: SessionScoped {}
extension Spark_Connect_FetchErrorDetailsRequest: SessionScoped {}
