import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// One tracking server's connections: a pool of keep-alive HTTP/1.1 connections (TLS for
/// https, with the system's trust store), an `Authorization` header on each request, timeouts,
/// and bounded retries with backoff.
///
/// Calls block the calling thread (the kernel's execution thread or a worker, never an event
/// loop) on the client's futures; the pool's connections live on SwiftNIO's shared event loops.
final class ServerConnection: Sendable {
    /// One request; `path` goes under the endpoint's base path and may hold a query.
    struct Request: Sendable {
        var method: HTTPMethod
        var path: String
        var body: Data?
        var contentType = "application/json"
        /// Whether sending it twice does no harm, so a 429, a 5xx or a dropped connection may be
        /// retried. A refused connection is retried for any request: nothing was sent.
        var isIdempotent: Bool
    }

    let endpoint: HTTPEndpoint
    let access: MLflowAccess
    private let client: HTTPClient
    private let retry: RetryPolicy
    /// Seconds for connecting, and for the whole of each attempt (`MLFLOW_HTTP_REQUEST_TIMEOUT`).
    private let timeout: Int64
    private let connectTimeout: Int64 = 10

    init(_ endpoint: HTTPEndpoint, access: MLflowAccess, environment: [String: String]) throws(TrackingError) {
        self.endpoint = endpoint
        self.access = access
        retry = RetryPolicy.from(environment)
        timeout = environment["MLFLOW_HTTP_REQUEST_TIMEOUT"].flatMap(Int64.init).map { max($0, 1) } ?? 120
        var tls = TLSConfiguration.makeClientConfiguration()
        if access.skipsVerification { tls.certificateVerification = .none }
        if let path = access.certificatePath {
            guard FileManager.default.fileExists(atPath: path) else {
                throw TrackingError("\(MLflowAccess.certificateVariable) names no file: \(path)")
            }
            tls.additionalTrustRoots = [.file(path)]
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(connectTimeout), read: .seconds(timeout)))
        // Retries are this type's, bounded and reported; the pool's own would wait out the timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = ServerConnection.concurrentRequests
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    deinit {
        // Closes the pool's connections without blocking whichever thread lets go of the store.
        client.shutdown { _ in }
    }

    /// How many requests `send(_:)` has in flight at once.
    static let concurrentRequests = 4

    func send(_ request: Request) throws(TrackingError) -> HTTPResponse {
        try send([request])[0]
    }

    /// Sends the requests, at most `concurrentRequests` at a time, and returns their responses
    /// in order; the first that cannot be sent is thrown once the others have finished.
    func send(_ requests: [Request]) throws(TrackingError) -> [HTTPResponse] {
        var responses: [HTTPResponse] = []
        var start = 0
        while start < requests.count {
            let window = requests[start..<min(start + ServerConnection.concurrentRequests, requests.count)]
            let inFlight = window.map { ($0, issue($0)) }
            var failure: TrackingError?
            for (request, future) in inFlight {
                do throws(TrackingError) { responses.append(try settle(request, first: future)) } catch { failure = failure ?? error }
            }
            if let failure { throw failure }
            start += window.count
        }
        return responses
    }

    private func issue(_ request: Request) -> EventLoopFuture<HTTPClient.Response> {
        var headers = HTTPHeaders()
        headers.add(name: "User-Agent", value: "assay")
        headers.add(name: "Accept", value: "application/json")
        if let authorization = access.authorization { headers.add(name: "Authorization", value: authorization) }
        if request.body != nil { headers.add(name: "Content-Type", value: request.contentType) }
        do {
            let built = try HTTPClient.Request(
                url: endpoint.url(request.path), method: request.method, headers: headers, body: request.body.map { .bytes($0) })
            return client.execute(request: built, deadline: .now() + .seconds(timeout))
        } catch {
            return client.eventLoopGroup.next().makeFailedFuture(error)
        }
    }

    /// Waits for `first`, sending the request again while the policy allows.
    private func settle(_ request: Request, first: EventLoopFuture<HTTPClient.Response>) throws(TrackingError) -> HTTPResponse {
        var future = first
        var attempt = 0
        while true {
            let outcome: Result<HTTPClient.Response, any Error>
            do { outcome = .success(try future.wait()) } catch { outcome = .failure(error) }
            attempt += 1
            var retryAfter: String?
            switch outcome {
            case .success(let answer):
                let response = HTTPResponse(
                    status: Int(answer.status.code),
                    headers: Dictionary(answer.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first }),
                    body: answer.body.map { Data($0.readableBytesView) } ?? Data())
                guard request.isIdempotent, RetryPolicy.retriedStatuses.contains(response.status), attempt <= retry.retries else {
                    return response
                }
                retryAfter = response.headers["retry-after"]
            case .failure(let error):
                let failure = TransportFailure(error)
                guard failure.isRetryable(idempotent: request.isIdempotent), attempt <= retry.retries else {
                    throw TrackingError("cannot reach the tracking server at \(endpoint.origin): \(failure.reason(timeout: timeout, connectTimeout: connectTimeout))")
                }
            }
            Thread.sleep(forTimeInterval: retry.delay(beforeRetry: attempt, retryAfter: retryAfter))
            future = issue(request)
        }
    }
}

/// A request that got no answer, sorted by what can be done about it.
private struct TransportFailure {
    enum Kind { case refused, dropped, timedOut, certificate, other }
    var kind: Kind
    var detail: String

    init(_ error: any Error) {
        detail = String(describing: error)
        let lowered = detail.lowercased()
        if error is NIOSSLError || error is BoringSSLError || lowered.contains("certificate") || lowered.contains("handshake") {
            kind = .certificate
        } else if let client = error as? HTTPClientError {
            switch client {
            case .readTimeout, .deadlineExceeded: kind = .timedOut
            case .connectTimeout: kind = .refused
            case .remoteConnectionClosed: kind = .dropped
            default: kind = .other
            }
        } else if lowered.contains("refused") || lowered.contains("connect") {
            kind = .refused
        } else {
            kind = .other
        }
    }

    func isRetryable(idempotent: Bool) -> Bool {
        switch kind {
        case .refused: true
        case .dropped, .other: idempotent
        case .timedOut, .certificate: false
        }
    }

    func reason(timeout: Int64, connectTimeout: Int64) -> String {
        switch kind {
        case .refused:
            detail.lowercased().contains("refused") ? "connection refused" : "no connection within \(connectTimeout) s (\(detail))"
        case .timedOut: "no answer within \(timeout) s"
        case .dropped: "the server closed the connection"
        case .certificate:
            "its TLS certificate was not accepted ("
                + (detail.contains("CERTIFICATE_VERIFY_FAILED")
                    ? "it has expired, names another host, or is signed by a CA this machine does not trust" : detail)
                + "); if a private CA signed it, set \(MLflowAccess.certificateVariable) to that CA's PEM file, or "
                + "\(MLflowAccess.insecureVariable)=true to skip verification"
        case .other: detail
        }
    }
}
