import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// `/v1/subagents`: tools derived from a domain prompt, prebuilt subagents, and the boundary a
/// task with `sub_agent` runs inside, enforced by the server.
@Suite struct SubagentsTests {
    static let billingPrompt = "Handles billing questions: invoices, subscriptions and refunds in Stripe."

    @Test func a_subagent_is_deployed_from_its_domain_prompt_and_managed() async throws {
        try await withPloton { t async throws in
            let created = try await t.send(
                .POST, "v1/subagents", key: t.testKey, json: #"{"name":"billing-desk","prompt":"\#(Self.billingPrompt)"}"#)
            #expect(created.status == .created, "\(created.body.string)")
            let object = try created.object
            let id = try #require(object["id"] as? String)
            #expect(id.hasPrefix("sa_") && object["object"] as? String == "subagent" && object["type"] as? String == "custom")
            #expect(object["tools"] as? [String] == ["payments"] && object["tools_available"] as? Int == 1)
            #expect(object["name"] as? String == "billing-desk" && object["livemode"] as? Bool == false)
            #expect(object["created_at"] is String && object["prompt"] as? String == Self.billingPrompt)

            #expect(try await t.send(.GET, "v1/subagents/\(id)", key: t.testKey).object["name"] as? String == "billing-desk")
            #expect(try await t.send(.GET, "v1/subagents/\(id)", key: t.liveKey).status == .notFound, "per environment")

            let rescoped = try await t.send(
                .PATCH, "v1/subagents/\(id)", key: t.testKey, json: #"{"prompt":"Invoices in Stripe, and posting updates to Slack"}"#)
            #expect(try (rescoped.object["tools"] as? [String])?.sorted() == ["chat", "payments"], "a new prompt derives the tools again")
            let renamed = try await t.send(.PATCH, "v1/subagents/\(id)", key: t.testKey, json: #"{"name":"Billing-Desk"}"#)
            #expect(try renamed.object["name"] as? String == "Billing-Desk", "a change of case is not a clash with itself")

            let custom = try await t.send(.GET, "v1/subagents?type=custom", key: t.testKey).object
            #expect((custom["data"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            let prebuilt = try await t.send(.GET, "v1/subagents?type=prebuilt&limit=2", key: t.testKey).object
            #expect((prebuilt["data"] as? [[String: Any]])?.count == 2 && prebuilt["has_more"] as? Bool == true)
            let all = try #require(try await t.send(.GET, "v1/subagents?limit=100", key: t.testKey).object["data"] as? [[String: Any]])
            #expect(all.count == 1 + PrebuiltSubagent.all.count)
            let sales = try #require(all.first { $0["name"] as? String == "sales" })
            #expect(
                sales["type"] as? String == "prebuilt" && sales["id"] as? String == "sa_prebuilt_sales" && sales["created_at"] is NSNull)

            #expect(try await t.send(.DELETE, "v1/subagents/sa_prebuilt_sales", key: t.testKey).status == .forbidden)
            #expect(try await t.send(.PATCH, "v1/subagents/sales", key: t.testKey, json: #"{"prompt":"x"}"#).status == .forbidden)
            #expect(try await t.send(.GET, "v1/subagents?type=other", key: t.testKey).status == .unprocessableEntity)

            let deleted = try await t.send(.DELETE, "v1/subagents/\(id)", key: t.testKey).object
            #expect(deleted["deleted"] as? Bool == true && deleted["id"] as? String == id)
            #expect(try await t.send(.GET, "v1/subagents/\(id)", key: t.testKey).status == .notFound)
        }
    }

    @Test func bad_deployments_are_refused_and_store_nothing() async throws {
        try await withPloton { t async throws in
            func deploy(_ json: String) async throws -> TestingHTTPResponse {
                try await t.send(.POST, "v1/subagents", key: t.testKey, json: json)
            }
            let vague = try await deploy(#"{"name":"helper","prompt":"Be helpful and concise."}"#)
            #expect(try vague.status == .unprocessableEntity && vague.error["param"] as? String == "prompt")
            #expect(try (vague.error["message"] as? String)?.contains("names no service") == true)
            #expect(try await deploy(#"{"prompt":"Invoices"}"#).errorCode == "invalid_request")
            #expect(try await deploy(#"{"name":"x","prompt":"Invoices","color":"red"}"#).errorCode == "invalid_request")
            #expect(try await deploy(#"{"name":"sales","prompt":"Invoices"}"#).errorCode == "validation_error", "a prebuilt name")
            #expect(try await deploy(#"{"name":"","prompt":"Invoices"}"#).errorCode == "validation_error")
            #expect(try await deploy(#"{"name":"a","prompt":"\#(String(repeating: "x", count: 10_001))"}"#).errorCode == "prompt_too_long")
            #expect(try await deploy(#"{"name":"desk","prompt":"Invoices"}"#).status == .created)
            #expect(try await deploy(#"{"name":"DESK","prompt":"Invoices"}"#).errorCode == "validation_error", "names are unique")
            #expect(try await Subagent.query(on: t.db).count() == 1)
        }
    }

    @Test func a_task_inside_a_subagent_can_use_only_its_tools() async throws {
        try await withPloton { t async throws in
            _ = try await t.send(.POST, "v1/subagents", key: t.testKey, json: #"{"name":"billing-desk","prompt":"\#(Self.billingPrompt)"}"#)
            let outside = try await t.createTask(#"{"prompt":"\#(TasksTests.example1)","sub_agent":"billing-desk"}"#)
            try await t.drain()
            let failed = try await t.task(outside)
            #expect(failed["status"] as? String == "failed" && failed["sub_agent"] as? String == "billing-desk", "\(failed)")
            let error = try #require(failed["error"] as? [String: Any])
            #expect(error["code"] as? String == "planning_failed")
            #expect((error["suggestion"] as? String)?.contains("subagent 'billing-desk', which can use only: payments") == true)
            #expect(try await TaskStep.query(on: t.db).count() == 0, "no step ran outside the boundary")

            let pinned = try await t.send(
                .POST, "v1/tasks", key: t.testKey,
                json: #"{"prompt":"\#(TasksTests.example1)","sub_agent":"billing-desk","tool":"weather"}"#)
            #expect(try pinned.status == .unprocessableEntity && pinned.error["param"] as? String == "tool")
            #expect(try (pinned.error["message"] as? String)?.contains("outside the tools of subagent 'billing-desk'") == true)
            let unknown = try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"x","sub_agent":"nobody"}"#)
            #expect(try unknown.status == .unprocessableEntity && unknown.error["param"] as? String == "sub_agent")

            let preview = try await t.send(
                .POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"\#(TasksTests.example1)","sub_agent":"weather","mode":"test"}"#)
            #expect(try preview.status == .ok && preview.object["tools"] as? [String] == ["weather"], "\(preview.body.string)")

            let inside = try await t.createTask(#"{"prompt":"\#(TasksTests.example1)","sub_agent":"sa_prebuilt_weather"}"#)
            try await t.drain()
            let complete = try await t.task(inside)
            #expect(complete["status"] as? String == "complete" && complete["sub_agent"] as? String == "weather", "\(complete)")
        }
    }
}
