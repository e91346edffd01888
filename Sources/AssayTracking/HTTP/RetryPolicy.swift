import Foundation

/// When and how long to wait before sending a request again: after a refused or dropped
/// connection, and, for requests that can safely be repeated, after 429 and 5xx answers (as
/// MLflow's own client does). Delays double from `firstDelay` up to `longestDelay`.
struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt (`MLFLOW_HTTP_REQUEST_MAX_RETRIES`).
    var retries = 4
    var firstDelay: Double = 0.2
    var longestDelay: Double = 4

    static let retriedStatuses: Set<Int> = [429, 500, 502, 503, 504]

    /// The policy with the environment's `MLFLOW_HTTP_REQUEST_MAX_RETRIES`, bounded to 10.
    static func from(_ environment: [String: String]) -> RetryPolicy {
        var policy = RetryPolicy()
        if let retries = environment["MLFLOW_HTTP_REQUEST_MAX_RETRIES"].flatMap(Int.init) { policy.retries = min(max(retries, 0), 10) }
        return policy
    }

    /// The wait before retry `attempt` (1 for the first retry); a server's `Retry-After` in
    /// seconds is honoured up to `longestDelay`.
    func delay(beforeRetry attempt: Int, retryAfter: String? = nil) -> Double {
        if let asked = retryAfter.flatMap(Double.init), asked >= 0 { return min(asked, longestDelay) }
        return min(firstDelay * pow(2, Double(attempt - 1)), longestDelay)
    }
}
