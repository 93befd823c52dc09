import Foundation
import PlotonCore
import Testing

/// The embedded planner on the bundled evaluation set (`ploton planner eval` prints the same).
@Suite struct PlannerEvaluationTests {
    /// The pass rate last measured. Raise it when the planner improves; never lower it.
    static let floor = 0.997

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

    @Test func field_names_lose_possessives_determiners_and_plurals() {
        #expect(FieldName.normalized("each person's Phone Numbers") == "phone_number")
        #expect(FieldName.normalized("their companies") == "company")
        #expect(FieldName.normalized("status") == "status")
        #expect(FieldName.normalized("the deal's name") == "name")
        #expect(FieldName.normalized("deal name") == "deal_name")
    }
}
