import Foundation
import PlotonCore
import Testing

struct OverviewStatsTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func percentiles_are_nearest_rank() {
        #expect(OverviewStats.percentile([], 0.5) == nil)
        #expect(OverviewStats.percentile([7], 0.99) == 7)
        let hundred = (1...100).map(Double.init)
        #expect(OverviewStats.percentile(hundred, 0.5) == 50 && OverviewStats.percentile(hundred, 0.99) == 99)
    }

    @Test func tasks_land_in_their_minute_as_a_rate_and_webhooks_count_only_made_attempts() {
        let tasks = [
            OverviewStats.Task(createdAt: now.addingTimeInterval(-30), completedAt: now, status: "complete"),
            OverviewStats.Task(createdAt: now.addingTimeInterval(-3599), completedAt: nil, status: "waiting"),
        ]
        let attempts = [
            OverviewStats.Attempt(queuedAt: now.addingTimeInterval(-10), attemptedAt: now.addingTimeInterval(-9), succeeded: true),
            OverviewStats.Attempt(queuedAt: now.addingTimeInterval(-10), attemptedAt: now.addingTimeInterval(-8), succeeded: false),
            OverviewStats.Attempt(queuedAt: now, attemptedAt: nil, succeeded: false),
        ]
        let hour = OverviewStats(window: .hour, now: now, tasks: tasks, attempts: attempts)
        #expect(hour.perMinute.count == 60 && hour.perMinute[59] == ["complete": 1] && hour.perMinute[0] == ["in_progress": 1])
        #expect(hour.attempts == 2 && hour.successRate == 0.5 && hour.p50Latency == 1)
        #expect(hour.durationByBucket[59] == .init(p50: 30, p99: 30) && hour.durationByBucket[0] == nil, "unfinished: no duration")
        #expect(hour.successRateByBucket[59] == 0.5 && hour.latencyByBucket[59] == .init(p50: 1, p99: 1))
        #expect(hour.successRateByBucket[0..<59].allSatisfy { $0 == nil } && hour.latencyByBucket[0..<59].allSatisfy { $0 == nil })
        let day = OverviewStats(window: .day, now: now, tasks: tasks, attempts: [])
        #expect(day.perMinute[59]["complete"] == 1.0 / 24, "one task in a 24-minute bar")
        #expect(day.successRate == nil && day.successRateByBucket.allSatisfy { $0 == nil })
    }
}
