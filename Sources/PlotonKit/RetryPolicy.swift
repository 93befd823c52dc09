import Foundation

/// How requests are retried: on 429, 5xx and connection errors, with exponential backoff and
/// jitter, never sooner than the server's `Retry-After`, a bounded number of times. POSTs carry an
/// `Idempotency-Key` (the same on every retry), so a retried create never acts twice.
public struct RetryPolicy: Sendable {
    public var maxRetries: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval

    public init(maxRetries: Int = 3, baseDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 30) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public static let standard = RetryPolicy()
    public static let none = RetryPolicy(maxRetries: 0)

    func delay(attempt: Int, retryAfter: TimeInterval?) -> TimeInterval {
        let backoff = baseDelay * pow(2, Double(attempt)) * Double.random(in: 0.8...1.2)
        return min(max(backoff, retryAfter ?? 0), maxDelay)
    }
}
