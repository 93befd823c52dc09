import Foundation
import PlotonCore
import Testing

/// A message or file whose words name something a tool reads carries what the read finds, never
/// those words (blind round h20, found at run time: "the number of open invoices" was posted as words).
@Suite struct PlannerReadAsContentTests {
    static func capabilities(_ workflow: Workflow) -> [String] { workflow.steps.map { "\($0.tool).\($0.capability)" } }

    @Test func a_tell_whose_words_name_records_reads_them_and_sends_what_it_found() async throws {
        let counted = try await EmbeddedPlanning.workflow("Tell #support the number of open invoices")
        #expect(Self.capabilities(counted) == ["payments.list_invoices", "chat.find_channel", "chat.post_message"])
        #expect(counted.steps.last?.input["text"] == .template("Invoices: {{0|count}}"))
        let listed = try await EmbeddedPlanning.workflow("tell #sales the open deals")
        #expect(listed.steps.first?.capability == "list_deals")
        #expect(listed.steps.last?.input["text"] == .template("{{0|summary}}"))
        let weather = try await EmbeddedPlanning.workflow("tell #general the weather in Oslo")
        #expect(Self.capabilities(weather).prefix(2) == ["weather.geocode", "weather.current"])
    }

    @Test func a_relative_clause_after_the_records_is_their_filter_not_the_message() async throws {
        let sent = try await EmbeddedPlanning.workflow(
            "Email me at rosa@ourco.example the list of subscriptions that are past due")
        #expect(sent.steps.first?.capability == "list_subscriptions")
        #expect(sent.steps.first?.input["status"] == .literal(.string("past_due")))
    }

    @Test func a_file_or_email_containing_a_read_holds_what_the_read_finds() async throws {
        let file = try await EmbeddedPlanning.workflow("Upload a file lisbon.txt containing the current weather in Lisbon")
        #expect(Self.capabilities(file) == ["weather.geocode", "weather.current", "storage.upload_file"])
        guard case .template? = file.steps.last?.input["content"] else {
            Issue.record("content: \(String(describing: file.steps.last?.input["content"]))")
            return
        }
        let email = try await EmbeddedPlanning.workflow("send ann@x.example an email containing the current weather in Oslo")
        #expect(Self.capabilities(email) == ["weather.geocode", "weather.current", "email.send_message"])
    }

    @Test func a_sentence_about_records_is_said_as_written() async throws {
        for (prompt, said) in [
            ("tell #sales the invoices are paid", "the invoices are paid"), ("tell #sales the deal closed", "the deal closed"),
            ("post in #ops saying the open deals look good", "the open deals look good"),
        ] {
            let workflow = try await EmbeddedPlanning.workflow(prompt)
            #expect(Self.capabilities(workflow) == ["chat.find_channel", "chat.post_message"], "\(prompt)")
            #expect(workflow.steps.last?.input["text"] == .literal(.string(said)), "\(prompt)")
        }
        let told = try await EmbeddedPlanning.workflow("tell ann@x.example that the deals closed yesterday")
        #expect(Self.capabilities(told) == ["email.send_message"])
    }
}
