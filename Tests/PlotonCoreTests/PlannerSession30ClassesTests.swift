import Foundation
import PlotonCore
import Testing

/// Classes from blind rounds h79–h82 (session 30), each checked on the plan it makes.
@Suite struct PlannerSession30ClassesTests {
    @Test func a_value_taken_back_at_once_is_replaced_by_the_next() async throws {
        // Only the second address is written to; the first never.
        let mail = try await EmbeddedPlanning.workflow(
            "Email ana@brightline.example — sorry, ben@brightline.example — saying the draft is ready")
        #expect(mail.steps.map(\.capability) == ["send_message"])
        guard case .literal(.string(let raw))? = mail.steps.first?.input["raw"], let message = Base64URLText.decoded(raw) else {
            Issue.record("no message in \(mail)")
            return
        }
        #expect(message.contains("To: ben@brightline.example") && !message.contains("ana@"))
        let post = try await EmbeddedPlanning.workflow("post in #ops that the truck comes at 2 — sorry, at 5pm")
        #expect(post.steps.last?.input["text"] == .literal(.string("the truck comes at 5pm")))
    }

    @Test func a_change_told_about_a_person_is_made_to_their_record() async throws {
        let phone = try await EmbeddedPlanning.workflow("marco ruiz got a new number +1 415 555 0101 pls update")
        #expect(phone.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(phone.steps.first?.input["query"] == .literal(.string("Marco Ruiz")))
        #expect(phone.steps.last?.input["properties"] == .literal(.object(["phone": .string("+1 415 555 0101")])))
        let moved = try await EmbeddedPlanning.workflow("Liam Ortiz has moved to Bluefin Labs, could you update his company in the CRM?")
        #expect(moved.steps.last?.input["properties"] == .literal(.object(["company": .string("Bluefin Labs")])))
        let lead = try await EmbeddedPlanning.workflow(
            "Priya Shah is a new lead - priya@shah.example, Shah Design. Add her, and set up a call with her Thursday at 10am")
        #expect(lead.steps.map(\.capability) == ["create_contact", "create_event"])
    }

    @Test func a_company_named_with_a_services_word_is_the_company() async throws {
        let deal = try await EmbeddedPlanning.workflow("Find the Summit Events deal and move it to closed won, then tell #sales")
        #expect(deal.steps.map(\.capability) == ["search_deals", "find_channel", "update_deal", "post_message"])
        #expect(deal.steps.first?.input["query"] == .literal(.string("Summit Events")))
        // The service's own product keeps its word.
        let lunch = try await EmbeddedPlanning.workflow("add lunch to my Google Calendar tomorrow at 1pm")
        #expect(lunch.steps.map(\.capability) == ["create_event"])
    }

    @Test func who_hands_the_request_over_and_its_labels_are_no_part_of_it() async throws {
        let relayed = try await EmbeddedPlanning.workflow(
            "Orchestrator -> Ploton: the user wrote \"tell #support the phones are down until noon\". Please do that.")
        #expect(relayed.steps.map(\.capability) == ["find_channel", "post_message"])
        let labelled = try await EmbeddedPlanning.workflow(
            "Task: let the team know.\nContext: the release went out at 09:00.\nMessage to post in #releases: \"v2.3 is live, thanks all.\""
        )
        #expect(labelled.steps.last?.input["text"] == .literal(.string("v2.3 is live, thanks all.")))
        let titled = try await EmbeddedPlanning.workflow(
            "Task: contact lookup + outreach.\nFind Grace Kowalski's email in the CRM and send her a note saying the contract is ready.")
        #expect(titled.steps.map(\.capability) == ["search_contacts", "send_message"])
        let chore = try await EmbeddedPlanning.workflow("Chore 3 - export the deal list to Drive as deals.csv")
        #expect(chore.steps.map(\.capability) == ["list_deals", "upload_file"])
        // Why it is asked is not what is posted.
        let weather = try await EmbeddedPlanning.workflow(
            "Post the weather in Bristol to #site-team please, folks keep asking whether to bring coats")
        #expect(weather.steps.map(\.capability) == ["geocode", "current", "find_channel", "post_message"])
    }
}
