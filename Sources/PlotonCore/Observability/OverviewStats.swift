import Foundation

/// The dashboard Overview's numbers for one window (the last hour or day), from the tasks created
/// and the webhook attempts queued in it: tasks per minute by outcome, task duration percentiles,
/// webhook success rate and latency, and the tools and error codes that fail most.
public struct OverviewStats: Sendable {
    public enum Window: String, Sendable, CaseIterable {
        case hour, day

        public var seconds: TimeInterval { self == .hour ? 3600 : 86_400 }
        /// Bars per chart: minutes in an hour, 24-minute slices of a day.
        public var buckets: Int { 60 }
        public var bucketMinutes: Double { seconds / 60 / Double(buckets) }
    }

    /// Outcomes in the order the chart stacks them; `in_progress` is anything not final yet.
    public static let outcomes = ["complete", "failed", "cancelled", "in_progress"]

    public struct Task: Sendable {
        public var createdAt: Date
        public var completedAt: Date?
        public var status: String
        public var errorCode: String?
        public var failedTool: String?

        public init(createdAt: Date, completedAt: Date?, status: String, errorCode: String? = nil, failedTool: String? = nil) {
            self.createdAt = createdAt
            self.completedAt = completedAt
            self.status = status
            self.errorCode = errorCode
            self.failedTool = failedTool
        }
    }

    public struct Attempt: Sendable {
        public var queuedAt: Date
        public var attemptedAt: Date?
        public var succeeded: Bool

        public init(queuedAt: Date, attemptedAt: Date?, succeeded: Bool) {
            self.queuedAt = queuedAt
            self.attemptedAt = attemptedAt
            self.succeeded = succeeded
        }
    }

    public var window: Window
    public var start: Date
    /// Per bucket, tasks per minute by outcome.
    public var perMinute: [[String: Double]]
    public var tasks: Int
    public var p50Duration: TimeInterval?
    public var p99Duration: TimeInterval?
    public var attempts: Int
    public var succeededAttempts: Int
    public var p50Latency: TimeInterval?
    public var p99Latency: TimeInterval?
    public var topFailingTools: [(name: String, count: Int)]
    public var topErrorCodes: [(name: String, count: Int)]

    public var successRate: Double? { attempts == 0 ? nil : Double(succeededAttempts) / Double(attempts) }

    public init(window: Window, now: Date, tasks: [Task], attempts: [Attempt]) {
        self.window = window
        start = now.addingTimeInterval(-window.seconds)
        let width = window.seconds / Double(window.buckets)
        var counts = Array(repeating: [String: Double](), count: window.buckets)
        for task in tasks where task.createdAt >= start {
            let index = min(window.buckets - 1, Int(task.createdAt.timeIntervalSince(start) / width))
            counts[index][Self.outcome(task.status), default: 0] += 1 / window.bucketMinutes
        }
        perMinute = counts
        self.tasks = tasks.count
        let durations = tasks.compactMap { task in task.completedAt.map { $0.timeIntervalSince(task.createdAt) } }.sorted()
        p50Duration = Self.percentile(durations, 0.50)
        p99Duration = Self.percentile(durations, 0.99)
        let attempted = attempts.filter { $0.attemptedAt != nil }
        self.attempts = attempted.count
        succeededAttempts = attempted.filter(\.succeeded).count
        let latencies = attempted.filter(\.succeeded).compactMap { $0.attemptedAt?.timeIntervalSince($0.queuedAt) }.sorted()
        p50Latency = Self.percentile(latencies, 0.50)
        p99Latency = Self.percentile(latencies, 0.99)
        let failed = tasks.filter { $0.status == "failed" }
        topFailingTools = Self.top(failed.compactMap(\.failedTool))
        topErrorCodes = Self.top(failed.compactMap(\.errorCode))
    }

    static func outcome(_ status: String) -> String { outcomes.dropLast().contains(status) ? status : "in_progress" }

    /// Nearest rank on sorted values; nil when there are none.
    public static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }

    static func top(_ names: [String], limit: Int = 5) -> [(name: String, count: Int)] {
        Dictionary(names.map { ($0, 1) }, uniquingKeysWith: +).map { (name: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.name) > ($1.count, $0.name) }.prefix(limit).map { $0 }
    }
}
