import Foundation

/// The dashboard Overview's numbers for one window (the last hour or day), from the tasks created
/// and the webhook attempts queued in it: tasks per minute by outcome, task duration percentiles,
/// webhook success rate and latency (over the window and per bucket, for the charts), and the
/// tools and error codes that fail most.
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

    public struct Percentiles: Sendable, Equatable {
        public var p50: Double
        public var p99: Double

        public init(p50: Double, p99: Double) {
            self.p50 = p50
            self.p99 = p99
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
    /// Per bucket (nil where there is nothing to measure): the duration of the tasks created in it
    /// that finished, the share of its attempts that succeeded, and its successful attempts' latency.
    public var durationByBucket: [Percentiles?]
    public var successRateByBucket: [Double?]
    public var latencyByBucket: [Percentiles?]

    public var successRate: Double? { attempts == 0 ? nil : Double(succeededAttempts) / Double(attempts) }

    public init(window: Window, now: Date, tasks: [Task], attempts: [Attempt]) {
        self.window = window
        let start = now.addingTimeInterval(-window.seconds)
        self.start = start
        let width = window.seconds / Double(window.buckets)
        let bucket = { (date: Date) in date < start ? nil : min(window.buckets - 1, Int(date.timeIntervalSince(start) / width)) }
        var counts = Array(repeating: [String: Double](), count: window.buckets)
        var bucketDurations = Array(repeating: [Double](), count: window.buckets)
        for task in tasks {
            guard let index = bucket(task.createdAt) else { continue }
            counts[index][Self.outcome(task.status), default: 0] += 1 / window.bucketMinutes
            if let completedAt = task.completedAt { bucketDurations[index].append(completedAt.timeIntervalSince(task.createdAt)) }
        }
        perMinute = counts
        durationByBucket = bucketDurations.map(Self.percentiles)
        var bucketAttempts = Array(repeating: (made: 0, succeeded: [Double]()), count: window.buckets)
        for attempt in attempts {
            guard let attemptedAt = attempt.attemptedAt, let index = bucket(attempt.queuedAt) else { continue }
            bucketAttempts[index].made += 1
            if attempt.succeeded { bucketAttempts[index].succeeded.append(attemptedAt.timeIntervalSince(attempt.queuedAt)) }
        }
        successRateByBucket = bucketAttempts.map { $0.made == 0 ? nil : Double($0.succeeded.count) / Double($0.made) }
        latencyByBucket = bucketAttempts.map { Self.percentiles($0.succeeded) }
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

    static func percentiles(_ values: [Double]) -> Percentiles? {
        let sorted = values.sorted()
        guard let p50 = percentile(sorted, 0.50), let p99 = percentile(sorted, 0.99) else { return nil }
        return Percentiles(p50: p50, p99: p99)
    }

    static func top(_ names: [String], limit: Int = 5) -> [(name: String, count: Int)] {
        Dictionary(names.map { ($0, 1) }, uniquingKeysWith: +).map { (name: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.name) > ($1.count, $0.name) }.prefix(limit).map { $0 }
    }
}
