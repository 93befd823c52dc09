import Foundation
import PlotonCore
import Testing

/// Blind round h14's silent drops: words ordering the parts, a message with only its audience and
/// destination, and a destination on a service no tool connects to.
@Suite struct PlannerConnectorsTests {
    @Test func words_ordering_the_parts_do_not_hide_the_next_action() async throws {
        let prompts = [
            "Pull the past-due subscriptions, after that email the list to collections@ourco.example",
            "Get the open deals, after that post them in #sales", "Get the open deals; afterwards post them in #sales",
            "Get the open deals and afterward post them in #sales", "Get the open deals, followed by posting them in #sales",
            "First get the open deals, second post them in #sales", "Get the open deals, and once done post them in #sales",
            "Find my unpaid invoices, and finally email them to ar@acme.example",
        ]
        for prompt in prompts {
            let planned = try await EmbeddedPlanning.workflow(prompt).steps.map { "\($0.tool).\($0.capability)" }
            #expect(planned.first?.hasPrefix("payments.") == true || planned.first == "crm.list_deals", "\(prompt): \(planned)")
            #expect(planned.last == "chat.post_message" || planned.last == "email.send_message", "\(prompt): \(planned)")
        }
    }

    @Test func a_message_of_only_its_audience_and_destination_asks_for_the_text() async throws {
        for prompt in ["Tell the team in #general", "Tell everyone in #random", "Give #general a heads-up"] {
            guard
                case .needsInput(let schema, _) = try await EmbeddedPlanner().plan(
                    PlanningRequest(prompt: prompt, userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn))
            else {
                Issue.record("\(prompt) should ask for the text")
                continue
            }
            #expect(schema.value(at: "properties")?.objectValue?.keys.sorted() == ["text"], "\(prompt)")
        }
        let said = try await EmbeddedPlanning.workflow("Tell the team in #general the deploy is done")
        #expect(said.steps.last?.input["text"] == .literal(.string("the deploy is done")))
    }

    @Test func a_destination_on_a_service_no_tool_connects_to_is_refused() async throws {
        let refusals = [
            "Post the open deals to our Microsoft Teams channel": "Microsoft Teams", "Post the open deals to Discord": "Discord",
            "Upload the open deals to Dropbox as deals.csv": "Dropbox", "Send a WhatsApp message to Ben saying hi": "WhatsApp",
            "Post \"deploy done\" to our Google Chat space": "Google Chat",
        ]
        for (prompt, service) in refusals {
            #expect(await EmbeddedPlanning.failure(prompt)?.contains("no tool here connects to \(service)") == true, "\(prompt)")
        }
        // What a message says is no destination.
        let said = try await EmbeddedPlanning.workflow("Tell #eng we are moving to Jira next week")
        #expect(said.steps.last?.input["text"] == .literal(.string("we are moving to Jira next week")))
    }
}
