import Foundation
import PlotonCore
import Testing

/// Classes from blind rounds h61 and h62 (session 26), each checked on the plan it makes.
@Suite struct PlannerSession26ClassesTests {
    @Test func words_to_the_agent_after_a_message_are_not_sent() async throws {
        let aside = try await EmbeddedPlanning.workflow(
            "Email sarah@acme.example saying thanks for signing. She asked for a confirmation in writing, so the email matters "
                + "more than the Slack post.")
        #expect(try EmbeddedPlanning.sentMessage(aside).hasSuffix("\r\n\r\nthanks for signing"))
        let kept = try await EmbeddedPlanning.workflow(
            "Email ops@ourco.example saying the 2.4 release is live. We will watch it overnight.")
        #expect(try EmbeddedPlanning.sentMessage(kept).hasSuffix("\r\n\r\nthe 2.4 release is live. We will watch it overnight."))
    }

    @Test func every_property_a_change_states_is_written() async throws {
        let updated = try await EmbeddedPlanning.workflow(
            "Update the contact Chidi Okafor in CRM: new phone +234 803 555 0192 and job title Procurement Lead.")
        #expect(
            updated.steps.last?.input["properties"]
                == .literal(.object(["phone": .string("+234 803 555 0192"), "jobtitle": .string("Procurement Lead")])))
        let created = try await EmbeddedPlanning.workflow("add contact Ben Ruiz ben@ruiz.example title: Head of Ops, company Hooli")
        guard case .literal(.object(let properties))? = created.steps.last?.input["properties"] else {
            Issue.record("no properties in \(created)")
            return
        }
        #expect(properties["jobtitle"] == .string("Head of Ops"))
        #expect(properties["company"] == .string("Hooli"))
    }

    @Test func an_act_after_a_message_block_is_planned_not_posted() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "Post in #standup:\nYesterday: finished GST report\nToday: vendor reconciliation\nand after that upload same text to Drive "
                + "as standup.txt")
        #expect(workflow.steps.map(\.capability) == ["find_channel", "post_message", "upload_file"])
        #expect(workflow.steps[1].input["text"] == .literal(.string("Yesterday: finished GST report\nToday: vendor reconciliation")))
    }

    @Test func what_someone_said_before_the_request_asks_nothing() async throws {
        let searched = try await EmbeddedPlanning.workflow(
            "Acme says they sent us a bunch of invoices last month. Search my inbox for emails from billing@acme.example.")
        #expect(!searched.steps.contains { $0.tool == "payments" })
        // "flies" is a word, not a slip for "files".
        let flown = try await EmbeddedPlanning.workflow("Our team flies out to Tokyo tonight. What's the weather there now?")
        #expect(!flown.steps.contains { $0.tool == "storage" })
    }
}
