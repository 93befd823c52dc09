import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// The Overview: the first page after sign-in, counting only the selected environment's window.
@Suite struct DashboardOverviewTests {
    @Test func the_overview_counts_the_selected_environment_over_the_last_hour_and_day() async throws {
        try await withPloton { t async throws in
            let now = t.clock.now
            func task(
                _ status: TaskStatus, ago: TimeInterval, took: TimeInterval?, in environment: PlotonEnvironment = .test,
                failure: TaskFailure? = nil
            )
                async throws
            {
                let task = AgentTask(accountID: t.accountID, environment: environment, prompt: "p", now: now.addingTimeInterval(-ago))
                task.status = status
                task.completedAt = took.map { now.addingTimeInterval(-ago + $0) }
                task.errorJSON = try failure.map(JSONText.encode)
                try await task.create(on: t.db)
            }
            try await task(.complete, ago: 600, took: 2)
            try await task(.complete, ago: 300, took: 4)
            try await task(
                .failed, ago: 120, took: 1, failure: TaskFailure(ToolFailure(code: .rateLimited, message: "Slow down."), tool: "crm"))
            try await task(.running, ago: 60, took: nil)
            try await task(.complete, ago: 7200, took: 30)  // the day's only
            try await task(.complete, ago: 60, took: 1, in: .live)  // another environment's

            let browser = try await DashboardClient.signIn(t)
            let hour = try await browser.get("dashboard/overview")
            let page = hour.body.string
            #expect(hour.status == .ok && page.contains("<title>Overview · Ploton</title>"))
            #expect(page.contains("Tasks<b>4</b>") && page.contains("Duration p50<b>2 s</b>") && page.contains("Duration p99<b>4 s</b>"))
            #expect(page.contains("<code>crm</code>") && page.contains("<code>rate_limited</code>"))
            #expect(page.contains("Webhook success<b>– <small>of 0</small></b>"))
            #expect(page.contains(#"<svg viewBox="0 0 600 180" role="img""#) && !page.contains("<script>"))
            #expect(page.components(separatedBy: "<rect x=").count - 1 == 4, "one bar segment per task in its minute")
            #expect(page.contains(#"aria-label="Task duration p50 and p99, last hour""#) && page.contains("<title>p99: 4 s</title>"))
            #expect(page.components(separatedBy: "<circle ").count - 1 == 6, "p50 and p99 of each minute a task finished in")
            #expect(page.contains(#"aria-label="Webhook success rate, last hour""#) && !page.contains("<title>succeeded:"))

            let day = try await browser.get("dashboard/overview?window=day").body.string
            #expect(day.contains("Tasks<b>5</b>") && day.contains("Duration p99<b>30 s</b>"))
            #expect(day.contains(#"href="/dashboard/overview?window=day" aria-current="page""#))
        }
    }
}
