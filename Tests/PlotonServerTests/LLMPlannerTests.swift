import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// The LLM planner against a local server speaking the chat-completions protocol with scripted
/// model turns: tools offered as functions, results fed back, malformed calls corrected, bounds.
@Suite(.serialized) struct LLMPlannerTests {
    static let deals = "Pull all open deals from user_123's CRM account. Return deal name, amount, stage, and expected close date."

    func withModel(
        _ turns: [FakeChatModel.Turn], maxSteps: Int = 10, adjust: (inout PlotonConfig) -> Void = { _ in },
        _ body: (TestApp, FakeChatModel) async throws -> Void
    ) async throws {
        let model = try await FakeChatModel.start(turns)
        do {
            try await withPloton({ config in
                config.llm = LLMSettings(
                    baseURL: model.baseURL, apiKey: .init("sk-test-llm-secret"), model: "scripted-1", maxSteps: maxSteps, retryDelay: 0.001)
                adjust(&config)
            }) { t async throws in try await body(t, model) }
        } catch {
            try await model.stop()
            throw error
        }
        try await model.stop()
    }

    @Test func the_model_calls_a_capability_sees_its_result_and_answers_with_the_result() async throws {
        let answer = #"{"deals":[{"deal_name":"Acme renewal","amount":1200,"stage":"contractsent","expected_close_date":"2026-12-01"}]}"#
        try await withModel([.call([("crm__list_deals", "{}")]), .answer("```json\n\(answer)\n```")]) { t, model in
            let id = try await t.createTask(#"{"prompt":"\#(Self.deals)"}"#)
            try await t.drainConsenting()
            let task = try await t.task(id)
            #expect(task["status"] as? String == "complete", "\(task)")
            #expect(task["tools"] as? [String] == ["crm"], "\(task)")
            #expect(task["user_id"] as? String == "user_123")
            let deals = try #require(task["result"] as? [[String: Any]])
            #expect(deals.first?["deal_name"] as? String == "Acme renewal")

            let requests = model.requests
            #expect(requests.count == 2)
            let first = try #require(requests.first)
            #expect(first["model"] as? String == "scripted-1")
            let functions = try #require(first["tools"] as? [[String: Any]]).compactMap { $0["function"] as? [String: Any] }
            let listDeals = try #require(functions.first { $0["name"] as? String == "crm__list_deals" })
            #expect((listDeals["parameters"] as? [String: Any])?["type"] as? String == "object")
            #expect(functions.contains { $0["name"] as? String == "weather__geocode" })
            let system = try #require((first["messages"] as? [[String: Any]])?.first?["content"] as? String)
            #expect(system.contains("deal_name, amount, stage, expected_close_date"))
            #expect(model.service.received.first?.headers["authorization"] == "Bearer sk-test-llm-secret")
            // The second turn carries the tool's answer: the sandbox's real deals.
            let messages = try #require(requests.last?["messages"] as? [[String: Any]])
            let toolMessage = try #require(messages.last)
            #expect(toolMessage["role"] as? String == "tool")
            #expect((toolMessage["content"] as? String)?.contains("dealname") == true)

            let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey).object
            #expect(trace["planner"] as? String == "llm")
            let step = try #require((trace["steps"] as? [[String: Any]])?.first)
            #expect(step["capability"] as? String == "list_deals")
            let planned = try #require(((trace["workflow"] as? [String: Any])?["steps"] as? [[String: Any]])?.first)
            #expect((planned["reason"] as? String)?.contains("crm__list_deals") == true)
        }
    }

    @Test func the_model_is_offered_an_mcp_servers_capabilities_and_its_call_runs_on_that_server() async throws {
        let (server, port) = try await MCPRemoteToolsTests.startServer([])
        defer { server.stop() }
        let turns: [FakeChatModel.Turn] = [
            .call([("notes__save_note", #"{"text":"from the model"}"#)]), .answer(#"{"saved": "from the model", "count": 1}"#),
        ]
        try await withModel(turns, adjust: { $0.allowPrivateNetwork = true }) { t, model in
            let registered = try await t.send(
                .POST, "v1/tools", key: t.testKey,
                json: #"{"name":"notes","kind":"mcp","base_url":"http://127.0.0.1:\#(port)/mcp","auth":{"type":"none"}}"#)
            #expect(registered.status == .created, "\(registered.body.string)")
            let id = try await t.createTask(#"{"prompt":"Save the note \"from the model\" in notes"}"#)
            try await t.drain()
            let task = try await t.task(id)
            #expect(task["status"] as? String == "complete", "\(task)")
            #expect((task["result"] as? [String: Any])?["saved"] as? String == "from the model", "\(task)")

            let functions = try #require(model.requests.first?["tools"] as? [[String: Any]]).compactMap { $0["function"] as? [String: Any] }
            let save = try #require(functions.first { $0["name"] as? String == "notes__save_note" }, "\(functions)")
            #expect((save["parameters"] as? [String: Any])?["required"] as? [String] == ["text"], "\(save)")
            let add = try #require(functions.first { $0["name"] as? String == "notes__add" }, "\(functions)")
            #expect((add["description"] as? String)?.contains("Add two integers") == true, "\(add)")
            let parameters = try #require(add["parameters"] as? [String: Any])
            let properties = try #require(parameters["properties"] as? [String: [String: Any]])
            #expect(properties["a"]?["type"] as? String == "integer" && properties["b"]?["type"] as? String == "integer", "\(parameters)")
            #expect(parameters["required"] as? [String] == ["a", "b"])
            // The second turn carries what the MCP server itself answered.
            let toolMessage = try #require((model.requests.last?["messages"] as? [[String: Any]])?.last)
            #expect(toolMessage["role"] as? String == "tool")
            #expect((toolMessage["content"] as? String)?.contains(#""saved":"from the model""#) == true, "\(toolMessage)")

            let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey).object
            #expect(trace["planner"] as? String == "llm")
            let step = try #require((trace["steps"] as? [[String: Any]])?.first)
            #expect(step["tool"] as? String == "notes" && step["capability"] as? String == "save_note", "\(step)")
        }
    }

    @Test func inside_a_subagent_the_model_is_offered_only_its_tools_and_cannot_leave_them() async throws {
        try await withModel([.call([("weather__current", #"{"latitude":1,"longitude":2}"#)]), .answer("{}")]) { t, model in
            let id = try await t.createTask(#"{"prompt":"What is the weather in Paris?","sub_agent":"billing"}"#)
            try await t.drain()
            let functions = try #require(model.requests.first?["tools"] as? [[String: Any]])
                .compactMap { ($0["function"] as? [String: Any])?["name"] as? String }
            #expect(!functions.isEmpty && functions.allSatisfy { $0.hasPrefix("payments__") }, "\(functions)")
            #expect(try await TaskStep.query(on: t.db).filter(\.$tool == "weather").count() == 0, "the call outside was not run")
            let task = try await t.task(id)
            #expect(task["sub_agent"] as? String == "billing", "\(task)")
        }
    }

    @Test func malformed_calls_are_explained_to_the_model_and_not_run() async throws {
        try await withModel([
            .call([("crm__no_such_thing", "{}"), ("storage__read_file", "{not json")]),
            .call([("storage__read_file", #"{"file_id": 42}"#)]),
            .call([("crm__list_contacts", "{}")]),
            .answer(#"{"count": 3}"#),
        ]) { t, model in
            let id = try await t.createTask(#"{"prompt":"How many CRM contacts does user_9 have?","user_id":"user_9"}"#)
            try await t.drainConsenting()
            let task = try await t.task(id)
            #expect(task["status"] as? String == "complete", "\(task)")
            #expect(task["result"] as? [String: Int] == ["count": 3])
            let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey).object
            #expect((trace["steps"] as? [[String: Any]])?.map { $0["capability"] as? String } == ["list_contacts"])

            let corrections = try #require(model.requests[1]["messages"] as? [[String: Any]]).filter { $0["role"] as? String == "tool" }
            #expect(corrections.count == 2)
            #expect((corrections[0]["content"] as? String)?.contains("no function named 'crm__no_such_thing'") == true)
            #expect((corrections[1]["content"] as? String)?.contains("not a JSON object") == true)
            let typed = try #require(model.requests[2]["messages"] as? [[String: Any]]).last?["content"] as? String
            #expect(typed?.contains("must be of type string, not number") == true)
        }
    }

    @Test func a_model_that_keeps_sending_malformed_calls_fails_planning() async throws {
        try await withModel([.call([("nothing__here", "{}")])]) { t, model in
            let id = try await t.createTask(#"{"prompt":"Do something","user_id":"u1"}"#)
            try await t.drainConsenting()
            let error = try #require(try await t.task(id)["error"] as? [String: Any])
            #expect(error["code"] as? String == "planning_failed")
            #expect((error["message"] as? String)?.contains("invalid tool calls") == true)
            #expect(model.requests.count == 3)
        }
    }

    @Test func a_model_that_never_stops_is_bounded_by_the_step_budget() async throws {
        try await withModel([.call([("weather__geocode", #"{"name":"Paris"}"#)])], maxSteps: 3) { t, model in
            let id = try await t.createTask(#"{"prompt":"Keep checking the weather in Paris"}"#)
            try await t.drainConsenting()
            let task = try await t.task(id)
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "planning_failed")
            #expect((error["message"] as? String)?.contains("within 3 steps") == true)
            #expect(model.requests.count == 4, "three steps, then a fourth asked for and refused")
            let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey).object
            #expect((trace["steps"] as? [[String: Any]])?.count == 3)
        }
    }

    @Test func a_failed_step_goes_back_to_the_model_which_replans() async throws {
        try await withModel([
            .call([("storage__read_file", #"{"file_id":"file_missing"}"#)]),
            .call([("storage__list_files", "{}")]),
            .answer(#"{"files": 2}"#),
        ]) { t, model in
            let id = try await t.createTask(#"{"prompt":"Read my latest file","user_id":"u1"}"#)
            try await t.drainConsenting()
            #expect(try await t.task(id)["status"] as? String == "complete")
            let steps = try #require(try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey).object["steps"] as? [[String: Any]])
            #expect(steps.map { $0["status"] as? String } == ["failed", "complete"])
            let recovery = try #require((steps[0]["recoveries"] as? [[String: Any]])?.first)
            #expect(recovery["type"] as? String == "replan")
            #expect(recovery["reason"] as? String == "not_found")
            let fedBack = try #require(model.requests[1]["messages"] as? [[String: Any]]).last?["content"] as? String
            #expect(fedBack?.contains("not_found") == true)
        }
    }

    @Test func an_unreachable_model_fails_the_task_as_planner_unavailable() async throws {
        try await withModel([.status(503)]) { t, model in
            let id = try await t.createTask(#"{"prompt":"\#(Self.deals)"}"#)
            try await t.drainConsenting()
            let error = try #require(try await t.task(id)["error"] as? [String: Any])
            #expect(error["code"] as? String == "planner_unavailable")
            #expect(error["recoverable"] as? Bool == true)
            #expect(model.requests.count == 3)  // retried twice
            #expect(!(error["message"] as? String ?? "").contains("sk-test-llm-secret"))
        }
    }

    @Test func a_test_mode_preview_shows_the_models_first_turn() async throws {
        try await withModel([.call([("crm__list_deals", "{}")])]) { t, _ in
            let response = try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"\#(Self.deals)","mode":"test"}"#)
            #expect(response.status == .ok)
            let preview = try response.object
            #expect(preview["planner"] as? String == "llm")
            #expect((preview["steps"] as? [[String: Any]])?.first?["capability"] as? String == "list_deals")
            #expect(try await AgentTask.query(on: t.db).count() == 0)
        }
    }
}

/// Issue 15, point 1 for the LLM planner: an answer is checked against the actions the prompt asks for.
@Suite(.serialized) struct LLMPlannerActionCoverageTests {
    static let prompt = "Get the open deals and email them to ann@acme.example"

    func withModel(_ turns: [FakeChatModel.Turn], _ body: (TestApp, FakeChatModel) async throws -> Void) async throws {
        let model = try await FakeChatModel.start(turns)
        do {
            try await withPloton({ config in
                config.llm = LLMSettings(baseURL: model.baseURL, apiKey: .init("sk-test-llm"), model: "scripted-1", retryDelay: 0.001)
            }) { t async throws in try await body(t, model) }
        } catch {
            try await model.stop()
            throw error
        }
        try await model.stop()
    }

    @Test func a_model_that_answers_after_the_read_but_never_sends_does_not_complete_the_task() async throws {
        try await withModel([.call([("crm__list_deals", "{}")]), .answer(#"{"sent": true}"#)]) { t, _ in
            let id = try await t.createTask(#"{"prompt":"\#(Self.prompt)","user_id":"user_123"}"#)
            try await t.drainConsenting()
            let task = try await t.task(id)
            #expect(task["status"] as? String == "failed", "\(task)")
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "planning_failed")
            #expect((error["message"] as? String)?.contains("email them to ann@acme.example") == true, "\(error)")
            let steps = try #require(try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey).object["steps"] as? [[String: Any]])
            #expect(steps.map { $0["capability"] as? String } == ["list_deals"])
        }
    }

    @Test func a_model_that_sends_completes_and_the_trace_shows_each_action_with_its_step() async throws {
        let raw = EmailMessage(to: "ann@acme.example", subject: "Open deals", body: "Acme - Pilot").raw
        try await withModel([
            .call([("crm__list_deals", "{}")]), .call([("email__send_message", #"{"raw":"\#(raw)"}"#)]), .answer(#"{"sent": true}"#),
        ]) { t, _ in
            let id = try await t.createTask(#"{"prompt":"\#(Self.prompt)","user_id":"user_123"}"#)
            try await t.drainConsenting()
            let task = try await t.task(id)
            #expect(task["status"] as? String == "complete", "\(task)")
            let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey).object
            let checked = try #require((trace["workflow"] as? [String: Any])?["actions_checked"] as? [String], "\(trace)")
            #expect(checked == ["email them to ann@acme.example → step 1 email.send_message"])
        }
    }
}
