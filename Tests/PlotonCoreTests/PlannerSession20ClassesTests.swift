import Foundation
import PlotonAPI
import Testing

@testable import PlotonCore

/// Session 20's planner classes from blind round h36's open failures.
@Suite struct PlannerSession20ClassesTests {
    /// Monday 2026-12-07, 10:30 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_639_400)

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    /// The decoded message of the plan's email.
    static func message(_ workflow: Workflow) throws -> String {
        let send = try #require(workflow.steps.last { $0.capability == "send_message" })
        guard case .literal(.string(let raw))? = send.input["raw"] else { return "" }
        return Base64URLText.decoded(raw) ?? raw
    }

    /// h36-75: "Change the email address of contact Ben Carter to ben.carter@newco.example" searched the contact by the
    /// address it does not have yet (the update failed at run time). The record is named by the words before the change.
    @Test func a_changes_new_value_is_never_the_records_search_key() async throws {
        for (prompt, query, property, value) in [
            (
                "Change the email address of contact Ben Carter to ben.carter@newco.example.", "Ben Carter", "email",
                "ben.carter@newco.example"
            ),
            ("pls change email of contact ana ruiz to ana.ruiz@new.example", "ana ruiz", "email", "ana.ruiz@new.example"),
            ("In the CRM, change the email for Leo Park to leo.park@studio.example.", "Leo Park", "email", "leo.park@studio.example"),
            ("change the email address of ben@old.example to ben@new.example", "ben@old.example", "email", "ben@new.example"),
        ] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.map(\.capability) == ["search_contacts", "update_contact"], "\(prompt)")
            #expect(workflow.steps.first?.input["query"] == .literal(.string(query)), "\(prompt)")
            #expect(workflow.steps.last?.input["properties"] == .literal(.object([property: .string(value)])), "\(prompt)")
        }
    }

    /// h36-80, h36-37: "Email sara@…: Hi Sara, the samples arrived this morning. Thanks!" lost "Thanks!", and "🚀 post in
    /// #launch: We're live! 🎉" lost the 🎉. A message after its colon is sent as written; an agent's "thx" is still not.
    @Test func a_message_after_its_colon_keeps_its_thanks_and_emoji() async throws {
        for (prompt, body) in [
            (
                "Email sara@lab.example: Hi Sara, the samples arrived this morning. Thanks!",
                "Hi Sara, the samples arrived this morning. Thanks!"
            ),
            ("email ann@x.example: the invoice is paid. Cheers!", "the invoice is paid. Cheers!"),
            (
                "pls email john@partner.example re: contract renewal, say we need the signed copy by EOD friday. thx",
                "we need the signed copy by EOD friday"
            ),
        ] {
            let message = try Self.message(try await Self.plan(prompt))
            #expect(message.hasSuffix("\r\n\r\n" + body), "\(prompt): \(message)")
        }
        for (prompt, text) in [
            ("🚀 post in #launch: We're live! 🎉", "We're live! 🎉"), ("Slack #ops: deploy finished ✅", "deploy finished ✅"),
        ] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.last?.input["text"] == .literal(.string(text)), "\(prompt)")
        }
    }

    /// h36-34: "Handoff from triage_agent to billing_agent. The customer jane.doe@… says …" listed every invoice ("billing")
    /// before finding the customer.
    @Test func a_sentence_naming_the_agents_of_a_handoff_asks_nothing() async throws {
        let workflow = try await Self.plan(
            "Handoff from triage_agent to billing_agent. The customer jane.doe@example.com says she was double charged. Look up her "
                + "customer record in payments and list her invoices with amount due and status.")
        #expect(workflow.steps.map(\.capability) == ["list_customers", "list_invoices"])
        #expect(workflow.steps.last?.input["customer"] == .reference(step: 0, path: "0.id"))
    }
}
