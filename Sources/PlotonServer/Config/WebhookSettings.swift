import Foundation
import PlotonCore

/// How webhook deliveries are made.
public struct WebhookSettings: Sendable {
    /// A receiver must answer 2xx within this long (`PLOTON_WEBHOOK_TIMEOUT_SECONDS`).
    public var timeout: TimeInterval = 30
    /// Attempts one process makes at once (`PLOTON_WEBHOOK_CONCURRENCY`).
    public var concurrency = 256
    /// Attempts one process starts with in flight to one URL; the limit adapts from here
    /// (`DestinationConcurrency`), so a slow or failing receiver holds only a few slots.
    public var perDestination = 4
    /// The most attempts in flight to one URL at once, across processes (`PLOTON_WEBHOOK_MAX_PER_DESTINATION`).
    public var maxPerDestination = 64
    /// When the dispatcher looks for due deliveries without being woken.
    public var pollInterval: TimeInterval = 1
    /// Waits between attempts (`PLOTON_WEBHOOK_RETRY_SCHEDULE`, seconds, comma-separated).
    public var schedule = WebhookRetrySchedule.standard

    /// How long a claimed attempt stays with its process; after that (the process died) another takes it.
    /// An attempt ends within `timeout` (connecting included), so a little more is enough.
    var leaseSeconds: TimeInterval { timeout + 5 }

    public init() {}
}
