import Foundation
import PlotonAPI
import Testing

@testable import PlotonCore

/// Session 19's planner classes from blind round h34's open failures.
@Suite struct PlannerSession19ClassesTests {
    /// Monday 2026-12-07, 10:30 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_639_400)

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    /// h34-38, h35-36: "the subject is 'Riunione' and say him the meeting is moved …" sent the rest of the sentence as the
    /// subject and "Riunione" as the body.
    @Test func a_subject_stated_in_words_ends_where_the_message_is_said() async throws {
        for (prompt, subject, body) in [
            (
                "Please can you to send email for marco@bellavista.example, the subject is 'Riunione' and say him the meeting is moved "
                    + "to thursday 11am.", "Riunione", "the meeting is moved to thursday 11am"
            ),
            ("email ann@acme.example, subject is \"Lunch\" and tell her we're meeting at noon", "Lunch", "we're meeting at noon"),
            ("send a mail to bo@globex.example, the subject line is Status and say the deploy is done", "Status", "the deploy is done"),
            // h35-36: "and say her that …".
            (
                "Please to send email to maria@example.es, subject is 'Factura diciembre', and say her that the invoice will be attached "
                    + "tomorrow.", "Factura diciembre", "the invoice will be attached tomorrow"
            ),
        ] {
            let message = try EmbeddedPlanning.sentMessage(try await Self.plan(prompt))
            #expect(message.contains("Subject: \(subject)\r\n"), "\(prompt): \(message)")
            #expect(message.hasSuffix("\r\n\r\n" + body), "\(prompt): \(message)")
        }
    }

    /// h34-87: "Send the details of Meeting notes.txt (name, size, last modified) to #engineering" posted the calendar (the
    /// name lost its first word, a calendar word, and the rest was dropped from the read); "post budget.xlsx to #finance"
    /// posted the words "budget.xlsx".
    @Test func a_file_named_in_a_send_is_read_and_its_details_sent() async throws {
        for (prompt, name) in [
            ("Send the details of Meeting notes.txt (name, size, last modified) to #engineering.", "Meeting notes.txt"),
            ("post the details of the file budget.xlsx to #finance", "budget.xlsx"),
            ("send \"Q3 Report.pdf\" to #finance", "Q3 Report.pdf"),
        ] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.map(\.capability) == ["list_files", "find_channel", "post_message"], "\(prompt)")
            #expect(workflow.steps.first?.input["q"] == .literal(.string("name contains '\(name)'")), "\(prompt)")
            #expect(workflow.steps.last?.input["text"] == .template("{{0|summary}}"), "\(prompt)")
        }
    }

    /// h34-59: "Filename: x.md. Content: "…". Please upload it." listed the Drive's files (a silent drop).
    @Test func labels_written_inline_after_a_wish_upload_the_file() async throws {
        let workflow = try await Self.plan(
            "[handoff from ResearchAgent] The user wants a file saved to their Drive. Filename: competitor-analysis.md. "
                + "Content: \"Competitors: Globex, Initech, Hooli\". Please upload it.")
        #expect(workflow.steps.map(\.capability) == ["upload_file"])
        #expect(workflow.steps.first?.input["name"] == .literal(.string("competitor-analysis.md")))
        #expect(workflow.steps.first?.input["content"] == .literal(.string("Competitors: Globex, Initech, Hooli")))
    }
}
