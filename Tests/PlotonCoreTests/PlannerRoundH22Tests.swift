import Foundation
import PlotonCore
import Testing

/// Blind round h22 (session 12): its silent drops, by class.
@Suite struct PlannerRoundH22Tests {
    static func capabilities(_ prompt: String) async throws -> [String] {
        try await EmbeddedPlanning.workflow(prompt).steps.map { "\($0.tool).\($0.capability)" }
    }

    @Test func who_a_relayed_request_comes_from_is_no_part_of_it() async throws {
        #expect(
            try await Self.capabilities(
                #"Relay from Ines (procurement, Tarn Valley Mills): "Look up Bruno Falk in HubSpot, update his company to Tarn Valley Mills, and then let #procurement know it's done.""#
            ) == ["crm.search_contacts", "chat.find_channel", "crm.update_contact", "chat.post_message"])
        #expect(try await Self.capabilities("On behalf of Dana: post 'Standup moved to 10' in #general").last == "chat.post_message")
        #expect(try await Self.capabilities("Note from Pat: post 'Lunch is here' in #general").last == "chat.post_message")
        let refused = await EmbeddedPlanning.failure(
            "Request relayed from the CRM admin: delete all the test contacts from HubSpot, they're cluttering the reports.")
        #expect(refused?.contains("no tool here can delete") == true, "\(refused ?? "planned")")
    }

    @Test func and_after_before_a_verb_starts_the_next_part() async throws {
        #expect(
            try await Self.capabilities(
                "Please you find contact for Mehmet Yilmaz, change his email to mehmet@anatolia-trade.example and after send him a email that his account is updated"
            ) == ["crm.search_contacts", "crm.update_contact", "email.send_message"])
    }

    /// Run-time findings of round h21: each completed having done something else than asked.
    @Test func a_file_shared_or_sent_as_an_attachment_is_refused_not_emailed_as_words() async throws {
        let share = await EmbeddedPlanning.failure("Share Budget.xlsx with ana@corvid.ai on Drive")
        #expect(share?.contains("no tool here shares a file") == true, "\(share ?? "planned: the Drive listing was emailed")")
        let attached = await EmbeddedPlanning.failure("Download Budget.xlsx and email it to cfo@corvid.ai as an attachment")
        #expect(attached?.contains("no tool here sends an attachment") == true, "\(attached ?? "planned")")
        // Sharing what was read with a channel or a person is a message; "attached" in what an email says stays text.
        #expect(try await Self.capabilities("Find deals we lost and share them with #sales").last == "chat.post_message")
        #expect(
            try await Self.capabilities("Email ben@initech.example with subject 'Contract' and body 'Attached is the signed copy.'")
                == ["email.send_message"])
    }
}
