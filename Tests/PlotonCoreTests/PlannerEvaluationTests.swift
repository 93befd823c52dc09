import Foundation
import PlotonCore
import Testing

/// The embedded planner on the bundled evaluation set (`ploton planner eval` prints the same).
@Suite struct PlannerEvaluationTests {
    /// The pass rate last measured. Raise it when the planner improves; only a blind round added as
    /// scored at first sight (its failures kept as evidence) lowers it, to the rate then measured.
    static let floor = 0.9956

    @Test func the_embedded_planner_holds_its_pass_rate_and_never_drops_an_action() async throws {
        let report = await PlannerScorer(planner: EmbeddedPlanner()).score(try .bundled())
        let failures = report.failures.map { "\($0.id): \($0.failure ?? "") — planned \($0.plan)" }
        #expect(report.results.count >= 150)
        #expect(report.silentDrops.isEmpty, "silent drops: \(report.silentDrops.map(\.id))")
        #expect(report.passRate >= Self.floor, "pass rate \(report.passRate); failures:\n\(failures.joined(separator: "\n"))")
    }

    @Test func the_scorer_fails_a_plan_that_skips_the_action_and_counts_it_as_a_silent_drop() async throws {
        struct ReadsOnly: Planner {
            let name = "reads-only"
            func plan(_ request: PlanningRequest) async throws -> PlanningResult {
                .workflow(Workflow(steps: [PlannedStep(tool: "crm", capability: "list_deals", input: [:])]))
            }
        }
        let set = try PlannerEvaluationSet.decode(
            Data(
                #"""
                {"now": "2026-05-28T10:00:00Z", "cases": [
                  {"id": "a", "prompt": "Email the open deals to ann@acme.example", "tools": ["crm", "email"],
                   "capabilities": ["crm.list_deals", "email.send_message"], "inputs": {"email.send_message": ["ann@acme.example"]}},
                  {"id": "b", "prompt": "List deals", "tools": ["crm"], "capabilities": ["crm.list_deals"]},
                  {"id": "c", "prompt": "Delete the deals", "outcome": "planning_failed", "names": ["delete"], "action": true}
                ]}
                """#.utf8))
        let report = await PlannerScorer(planner: ReadsOnly()).score(set)
        #expect(report.results.map(\.passed) == [false, true, false])
        #expect(report.silentDrops.map(\.id) == ["a", "c"])
        #expect(report.results[0].failure?.contains("email.send_message") == true)
    }

    @Test func the_scorer_counts_a_dropped_read_or_a_dropped_change_as_a_silent_drop() async throws {
        struct HalfDone: Planner {
            let name = "half-done"
            func plan(_ request: PlanningRequest) async throws -> PlanningResult {
                let post = PlannedStep(
                    tool: "chat", capability: "post_message",
                    input: ["channel": .literal(.string("C1")), "text": .literal(.string("the number of open invoices"))])
                let update = PlannedStep(
                    tool: "crm", capability: "update_deal",
                    input: ["id": .literal(.string("2001")), "properties": .literal(.object(["dealstage": .string("closedwon")]))])
                return .workflow(Workflow(steps: [request.prompt.hasPrefix("Tell") ? post : update]))
            }
        }
        let set = try PlannerEvaluationSet.decode(
            Data(
                #"""
                {"now": "2026-05-28T10:00:00Z", "cases": [
                  {"id": "a", "prompt": "Tell #support the number of open invoices", "tools": ["payments", "chat"],
                   "capabilities": ["payments.list_invoices", "chat.post_message"]},
                  {"id": "b", "prompt": "Change deal 2001's stage to closed won and its amount to 45k", "tools": ["crm"],
                   "capabilities": ["crm.update_deal"], "inputs": {"crm.update_deal": ["closedwon", "45000"]}},
                  {"id": "c", "prompt": "Change deal 2001's stage to closed won", "tools": ["crm"],
                   "capabilities": ["crm.update_deal"], "inputs": {"crm.update_deal": ["closedwon"]}}
                ]}
                """#.utf8))
        let report = await PlannerScorer(planner: HalfDone()).score(set)
        #expect(report.results.map(\.passed) == [false, false, true])
        #expect(report.silentDrops.map(\.id) == ["a", "b"])
    }

    @Test func the_scorer_fails_wrong_values_filler_searches_repeated_steps_and_lookups_sent_as_content() async throws {
        struct Fixed: Planner {
            let name = "fixed"
            func plan(_ request: PlanningRequest) async throws -> PlanningResult {
                let place = PlannedStep(tool: "weather", capability: "geocode", input: ["name": .literal(.string("tokyo pls"))])
                let refund = PlannedStep(
                    tool: "payments", capability: "create_refund",
                    input: ["payment_intent": .literal(.string("pi_ABC987654321")), "amount": .literal(.number(300_000))])
                let events = PlannedStep(tool: "calendar", capability: "list_events", input: [:])
                let channel = PlannedStep(tool: "chat", capability: "find_channel", input: ["name": .literal(.string("random"))])
                let post = PlannedStep(
                    tool: "chat", capability: "post_message",
                    input: ["channel": .reference(step: 0, path: "0.id"), "text": .template("{{0|summary}}")])
                switch request.prompt {
                case "weather": return .workflow(Workflow(steps: [place]))
                case "refund": return .workflow(Workflow(steps: [refund]))
                case "agenda": return .workflow(Workflow(steps: [events, events]))
                default: return .workflow(Workflow(steps: [channel, post]))
                }
            }
        }
        let set = try PlannerEvaluationSet.decode(
            Data(
                #"""
                {"now": "2026-05-28T10:00:00Z", "cases": [
                  {"id": "a", "prompt": "weather", "tools": ["weather"], "capabilities": ["weather.geocode"], "inputs": {"weather.geocode": ["tokyo"]}},
                  {"id": "b", "prompt": "refund", "tools": ["payments"], "capabilities": ["payments.create_refund"],
                   "inputs": {"payments.create_refund": ["3000"]}, "inputs_exact": {"payments.create_refund": {"amount": 3000}}},
                  {"id": "c", "prompt": "agenda", "tools": ["calendar"], "capabilities": ["calendar.list_events"]},
                  {"id": "d", "prompt": "post", "tools": ["chat"], "capabilities": ["chat.post_message"], "now": "2026-03-11T15:00:00Z"}
                ]}
                """#.utf8))
        let report = await PlannerScorer(planner: Fixed()).score(set)
        #expect(report.results.map(\.passed) == [false, false, false, false])
        #expect(report.results[0].failure?.contains("filler word \"pls\"") == true)
        #expect(report.results[1].failure?.contains("amount is 300000, expected 3000") == true, "the value appears, in the wrong size")
        #expect(report.results[2].failure?.contains("twice") == true)
        #expect(report.results[3].failure?.contains("chat.find_channel's output") == true)
        #expect(set.cases[3].now == ISO8601DateFormatter().date(from: "2026-03-11T15:00:00Z"))
    }

    @Test func the_scorer_fails_a_step_that_takes_the_first_record_of_an_unfiltered_list_when_the_prompt_names_someone() async throws {
        struct FirstCustomer: Planner {
            let name = "first-customer"
            func plan(_ request: PlanningRequest) async throws -> PlanningResult {
                let named = request.prompt.contains("Emma")
                let customers = PlannedStep(
                    tool: "payments", capability: "list_customers", input: [:],
                    keep: named && request.prompt.contains("filtered")
                        ? [OutputCondition(path: "name", op: .equals, value: .string("Emma Silva"))] : nil)
                let invoice = PlannedStep(
                    tool: "payments", capability: "latest_invoice", input: ["customer": .reference(step: 0, path: "0.id")])
                let email = PlannedStep(
                    tool: "email", capability: "send_message", input: ["raw": .template("To: {{0.0.email}}")])
                return .workflow(Workflow(steps: [customers, request.prompt.contains("invoice") ? invoice : email]))
            }
        }
        let set = try PlannerEvaluationSet.decode(
            Data(
                #"""
                {"now": "2026-05-28T10:00:00Z", "cases": [
                  {"id": "a", "prompt": "Find Emma Silva's latest invoice", "tools": ["payments"], "capabilities": ["payments.latest_invoice"]},
                  {"id": "b", "prompt": "email Emma Silva", "tools": ["payments", "email"], "capabilities": ["email.send_message"]},
                  {"id": "c", "prompt": "Find Emma Silva's latest invoice, filtered", "tools": ["payments"], "capabilities": ["payments.latest_invoice"]}
                ]}
                """#.utf8))
        let report = await PlannerScorer(planner: FirstCustomer()).score(set)
        #expect(report.results.map(\.passed) == [false, false, true])
        #expect(report.results[0].failure?.contains("takes 0.0.id from payments.list_customers with no filter") == true)
        #expect(report.results[1].failure?.contains("takes 0.0.email") == true)
    }

    @Test func the_scorer_fails_a_read_nothing_uses_and_counts_it_as_a_silent_drop_before_an_action() async throws {
        struct Unwired: Planner {
            let name = "unwired"
            func plan(_ request: PlanningRequest) async throws -> PlanningResult {
                let search = PlannedStep(tool: "crm", capability: "search_contacts", input: ["query": .literal(.string("Hiro"))])
                let event = PlannedStep(
                    tool: "calendar", capability: "create_event",
                    input: [
                        "summary": .literal(.string("Intro")), "start": .literal(.object(["dateTime": .string("2026-03-11T10:00:00Z")])),
                        "end": .literal(.object(["dateTime": .string("2026-03-11T10:30:00Z")])),
                    ]
                    .merging(request.prompt.contains("wired") ? ["attendees": .template("{{0.0.properties.email}}")] : [:]) { a, _ in a })
                return .workflow(Workflow(steps: [search, event]))
            }
        }
        let set = try PlannerEvaluationSet.decode(
            Data(
                #"""
                {"now": "2026-03-10T09:00:00Z", "cases": [
                  {"id": "a", "prompt": "find Hiro and set up a call with him", "tools": ["crm", "calendar"],
                   "capabilities": ["crm.search_contacts", "calendar.create_event"]},
                  {"id": "b", "prompt": "find Hiro and set up a call with him, wired", "tools": ["crm", "calendar"],
                   "capabilities": ["crm.search_contacts", "calendar.create_event"]}
                ]}
                """#.utf8))
        let report = await PlannerScorer(planner: Unwired()).score(set)
        #expect(report.results.map(\.passed) == [false, true])
        #expect(report.results[0].failure == "step 0 (crm.search_contacts) feeds no later step and is not the result")
        #expect(report.results.map(\.silentDrop) == [true, false])
    }

    @Test func the_scorer_resolves_planned_fields_through_the_declared_fields_as_the_runtime_does() async throws {
        struct AsksFor: Planner {
            let name = "asks-for"
            func plan(_ request: PlanningRequest) async throws -> PlanningResult {
                let fields = request.prompt == "a" ? ["phone number", "company"] : ["montreal phone"]
                return .workflow(
                    Workflow(steps: [PlannedStep(tool: "crm", capability: "search_contacts", input: [:])], resultFields: fields))
            }
        }
        let set = try PlannerEvaluationSet.decode(
            Data(
                #"""
                {"now": "2026-05-28T10:00:00Z", "cases": [
                  {"id": "a", "prompt": "a", "tools": ["crm"], "capabilities": ["crm.search_contacts"], "fields": ["phone", "company"]},
                  {"id": "b", "prompt": "b", "tools": ["crm"], "capabilities": ["crm.search_contacts"], "fields": ["phone"]}
                ]}
                """#.utf8))
        let report = await PlannerScorer(planner: AsksFor()).score(set)
        // "phone number" is a declared synonym of `phone`; "montreal phone" reaches no field at run time.
        #expect(report.results.map(\.passed) == [true, false])
        #expect(report.results[1].failure == "result fields montreal_phone, expected phone")
    }

    @Test func the_scorer_checks_the_items_a_list_is_kept_to_and_the_end_user() async throws {
        struct Unfiltered: Planner {
            let name = "unfiltered"
            func plan(_ request: PlanningRequest) async throws -> PlanningResult {
                let open = OutputCondition(path: "properties.hs_is_closed", op: .equals, value: .string("false"))
                let deals = PlannedStep(tool: "crm", capability: "list_deals", input: [:], keep: request.prompt == "a" ? nil : [open])
                return .workflow(Workflow(steps: [deals], userID: request.prompt == "c" ? nil : "alice_1"))
            }
        }
        let set = try PlannerEvaluationSet.decode(
            Data(
                #"""
                {"now": "2026-05-28T10:00:00Z", "cases": [
                  {"id": "a", "prompt": "a", "tools": ["crm"], "capabilities": ["crm.list_deals"],
                   "keep": {"crm.list_deals": [{"path": "properties.hs_is_closed", "op": "equals", "value": "false"}]}},
                  {"id": "b", "prompt": "b", "tools": ["crm"], "capabilities": ["crm.list_deals"], "end_user": "alice_1",
                   "keep": {"crm.list_deals": [{"path": "properties.hs_is_closed", "op": "equals", "value": "false"}]}},
                  {"id": "c", "prompt": "c", "tools": ["crm"], "capabilities": ["crm.list_deals"], "end_user": "alice_1"}
                ]}
                """#.utf8))
        let report = await PlannerScorer(planner: Unfiltered()).score(set)
        #expect(report.results.map(\.passed) == [false, true, false])
        #expect(report.results[0].failure == #"crm.list_deals keeps no properties.hs_is_closed equals "false""#)
        #expect(report.results[2].failure == "the end user is nobody, expected alice_1")
    }

    @Test func field_names_lose_possessives_determiners_and_plurals() {
        #expect(FieldName.normalized("each person's Phone Numbers") == "phone_number")
        #expect(FieldName.normalized("their companies") == "company")
        #expect(FieldName.normalized("status") == "status")
        #expect(FieldName.normalized("the deal's name") == "name")
        #expect(FieldName.normalized("deal name") == "deal_name")
    }
}
