import Foundation
import PlotonCore

/// What execution memory keeps of one capability's steps, in a form that adds up: steps are
/// counted into a tally once, and tallies merge (the rolled-up row plus the steps not yet rolled
/// up), so a report costs the same however many steps ran before.
struct ToolMemoryTally: Equatable, Sendable {
    var runs = 0
    var successes = 0
    var attempts = 0
    var retries = 0
    var latencyTotalMS = 0.0
    var latencyCount = 0
    var latencyMaxMS: Double?
    var rateLimited = 0
    /// The `delay_ms` of the latest `rate_limit_wait` and when it was recorded (ISO 8601 text,
    /// which sorts as time does).
    var lastRetryAfterMS: Double?
    var lastRetryAt: String?
    var lastRunAt: Date?
    var failures: [String: Int] = [:]

    /// The columns of a step the tally reads.
    struct Step: Decodable {
        var status: TaskStep.Status
        var errorJSON: String?
        var attempts: Int
        var recoveriesJSON: String
        var startedAt: Date
        var finishedAt: Date?

        enum CodingKeys: String, CodingKey {
            case status, errorJSON = "error", attempts, recoveriesJSON = "recoveries", startedAt = "started_at", finishedAt = "finished_at"
        }
    }

    mutating func add(_ step: Step) {
        runs += 1
        attempts += step.attempts
        if step.status == TaskStep.Status.complete { successes += 1 }
        if step.status == TaskStep.Status.failed {
            let code = step.errorJSON.flatMap(JSONValue.parse)?.value(at: "code")?.stringValue ?? "unknown"
            failures[code, default: 0] += 1
        }
        if let finishedAt = step.finishedAt {
            let latency = finishedAt.timeIntervalSince(step.startedAt) * 1000
            latencyTotalMS += latency
            latencyCount += 1
            latencyMaxMS = max(latencyMaxMS ?? latency, latency)
        }
        lastRunAt = max(lastRunAt ?? step.startedAt, step.startedAt)
        let recoveries = JSONValue.parse(step.recoveriesJSON)?.arrayValue ?? []
        retries += recoveries.count
        for recovery in recoveries where recovery.value(at: "type") == .string("rate_limit_wait") {
            rateLimited += 1
            noteRetry(after: recovery.value(at: "delay_ms")?.numberValue, at: recovery.value(at: "at")?.stringValue ?? "")
        }
    }

    mutating func merge(_ other: ToolMemoryTally) {
        runs += other.runs
        successes += other.successes
        attempts += other.attempts
        retries += other.retries
        latencyTotalMS += other.latencyTotalMS
        latencyCount += other.latencyCount
        if let otherMax = other.latencyMaxMS { latencyMaxMS = max(latencyMaxMS ?? otherMax, otherMax) }
        rateLimited += other.rateLimited
        if other.rateLimited > 0 { noteRetry(after: other.lastRetryAfterMS, at: other.lastRetryAt ?? "") }
        if let otherRun = other.lastRunAt { lastRunAt = max(lastRunAt ?? otherRun, otherRun) }
        failures.merge(other.failures, uniquingKeysWith: +)
    }

    /// The later of two rate limits wins; at the same time, the one counted last.
    private mutating func noteRetry(after delay: Double?, at time: String) {
        if let last = lastRetryAt, time < last { return }
        (lastRetryAfterMS, lastRetryAt) = (delay, time)
    }

    /// The capability's entry in `GET /v1/tools/{name}/memory`.
    func report(capability: String) -> JSONValue {
        .object([
            "capability": .string(capability),
            "runs": .number(Double(runs)),
            "successes": .number(Double(successes)),
            "failures": .object(failures.mapValues { JSONValue.number(Double($0)) }),
            "attempts": .number(Double(attempts)),
            "retries": .number(Double(retries)),
            "average_latency_ms": latencyCount == 0 ? .null : .number((latencyTotalMS / Double(latencyCount)).rounded()),
            "max_latency_ms": latencyMaxMS.map { .number($0.rounded()) } ?? .null,
            "rate_limited": .number(Double(rateLimited)),
            "last_retry_after_ms": lastRetryAfterMS.map(JSONValue.number) ?? .null,
            "last_run_at": lastRunAt.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null,
        ])
    }
}
