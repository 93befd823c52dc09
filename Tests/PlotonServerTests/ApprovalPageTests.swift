import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// A step that requires approval waits with a signed `auth_url` to the hosted approval page; the
/// page and the dashboard answer through the same code as `POST /v1/tasks/{id}/input`.
@Suite struct ApprovalPageTests {
    /// A refund of a payment the sandbox holds (one it does not hold fails, as on Stripe).
    static let refund = #"{"prompt":"Refund Ben Chen's last invoice","user_id":"user_123"}"#

    func waitingForApproval(_ t: TestApp) async throws -> (id: String, path: String) {
        let id = try await t.createTask(Self.refund)
        try await t.drainConsenting()
        let waiting = try #require(try await t.task(id)["waiting"] as? [String: Any])
        #expect(waiting["reason"] as? String == "approval_required")
        let url = try #require(waiting["auth_url"] as? String)
        #expect(url.hasPrefix("http://localhost:8080/approve/"))
        return (id, try TestApp.local(url))
    }

    func decide(_ t: TestApp, _ path: String, _ decision: String) async throws -> TestingHTTPResponse {
        try await DashboardClient.post(t, path, ["decision": decision], cookie: nil)
    }

    @Test func the_approval_page_shows_the_step_and_approves_it_once() async throws {
        try await withPloton { t async throws in
            let (id, path) = try await waitingForApproval(t)
            let page = try await t.send(.GET, path)
            #expect(page.status == .ok && page.body.string.contains("Approve payments.create_refund"))
            #expect(page.body.string.contains(">Approve<") && page.body.string.contains(">Deny<"))

            let forged = String(path.dropLast(2)) + (path.hasSuffix("AA") ? "BB" : "AA")
            #expect(try await t.send(.GET, forged).status == .gone, "a changed token is refused")
            #expect(try await decide(t, forged, "approve").status == .gone)
            #expect(try await t.task(id)["status"] as? String == "waiting", "and changes nothing")

            let approved = try await decide(t, path, "approve")
            #expect(approved.status == .ok && approved.body.string.contains("Approved"))
            #expect(try await decide(t, path, "approve").status == .gone, "the link answers its step once")
            try await t.drainConsenting()
            let done = try await t.task(id)
            #expect(done["status"] as? String == "complete", "\(done)")
        }
    }

    @Test func denying_on_the_page_fails_the_task_and_the_dashboard_can_answer_too() async throws {
        try await withPloton { t async throws in
            let (denied, path) = try await waitingForApproval(t)
            #expect(try await decide(t, path, "maybe").status == .badRequest)
            #expect(try await decide(t, path, "deny").body.string.contains("Denied"))
            let failed = try await t.task(denied)
            #expect((failed["error"] as? [String: Any])?["code"] as? String == "approval_denied", "\(failed)")

            let (id, _) = try await waitingForApproval(t)
            let browser = try await DashboardClient.signIn(t)
            let detail = try await browser.get("dashboard/tasks/\(id)").body.string
            #expect(detail.contains("/dashboard/tasks/\(id)/approval") && detail.contains("Approve payments.create_refund"))
            #expect(try await browser.post("dashboard/tasks/\(id)/approval", ["decision": "approve"]).status == .seeOther)
            #expect(try await browser.post("dashboard/tasks/\(id)/approval", ["decision": "approve"]).status == .conflict, "not waiting")
            try await t.drainConsenting()
            #expect(try await t.task(id)["status"] as? String == "complete")
        }
    }
}
