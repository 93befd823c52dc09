import Foundation

/// When a failed delivery is tried again: 30 s, 5 min, 30 min, 2 h, 6 h and 15 h after each
/// failure (seven attempts over about 24 hours), each ±20 % jitter, never sooner than the
/// receiver's `Retry-After`.
public struct WebhookRetrySchedule: Sendable {
    public static let standard = WebhookRetrySchedule(delays: [30, 300, 1_800, 7_200, 21_600, 54_000])

    /// The wait after attempt N fails is `delays[N - 1]`.
    public var delays: [TimeInterval]
    public var jitter: Double = 0.2

    public init(delays: [TimeInterval], jitter: Double = 0.2) {
        self.delays = delays
        self.jitter = jitter
    }

    public var maxAttempts: Int { delays.count + 1 }

    /// The wait before the attempt after `attempt`, or nil when there is none.
    public func delay(after attempt: Int, retryAfter: TimeInterval? = nil) -> TimeInterval? {
        guard attempt >= 1, attempt <= delays.count else { return nil }
        let base = delays[attempt - 1]
        let jittered = jitter > 0 ? base * Double.random(in: (1 - jitter)...(1 + jitter)) : base
        return max(jittered, retryAfter ?? 0)
    }
}

/// The event types a webhook endpoint can subscribe to.
public enum WebhookEventType {
    public static let all = EventType.names

    /// An endpoint's filter: empty or `*` means every event.
    public static func matches(_ filter: [String], _ type: String) -> Bool {
        filter.isEmpty || filter.contains("*") || filter.contains(type)
    }
}
