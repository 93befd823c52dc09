import Foundation
import PlotonCore
import Testing

/// What people write before and around the request (a situation, a count of what follows, "Step N:"
/// labels) and fields changed on a person found by an earlier part.
@Suite struct PlannerLeadInTests {
    @Test func a_situation_before_so_or_a_dash_is_no_part() async throws {
        let out = try await EmbeddedPlanning.workflow("I'm out tomorrow, so: block 9am-5pm tomorrow as 'OOO', and tell #general I'm out")
        #expect(out.steps.map(\.capability) == ["find_channel", "create_event", "post_message"], "the event was dropped")
        #expect(out.steps[1].input["summary"] == .literal(.string("OOO")))
        let board = try await EmbeddedPlanning.workflow(
            "I'm prepping for the board meeting, so list every deal in HubSpot with its amount and close date.")
        #expect(board.steps.map(\.capability) == ["list_deals"], "not the calendar the situation mentions")
        #expect(
            try await EmbeddedPlanning.workflow("I'm out tomorrow — block 9am-5pm tomorrow as 'OOO'").steps.map(\.capability) == [
                "create_event"
            ])
        // A lead-in that wants something, or a read before "so", is the request.
        let wanted = try await EmbeddedPlanning.workflow("I need the open deals, so email them to ann@acme.example")
        #expect(wanted.steps.map(\.capability) == ["list_deals", "send_message"])
    }

    @Test func a_counted_list_is_its_items_each_with_a_verb() async throws {
        let qbr = try await EmbeddedPlanning.workflow(
            "Before the QBR I need two things — the active subscriptions saved as subs-qbr.csv on Drive, and a calendar hold 'QBR' next Thursday 2-4pm"
        )
        #expect(qbr.steps.map(\.capability) == ["list_subscriptions", "upload_file", "create_event"])
        #expect(qbr.steps[1].input["name"] == .literal(.string("subs-qbr.csv")))
        #expect(qbr.steps[2].input["summary"] == .literal(.string("QBR")))
        let two = try await EmbeddedPlanning.workflow(
            "Two things: save the active subscriptions as subs2.csv on Drive, and put 'QBR' on my calendar next Thursday 2-4pm")
        #expect(two.steps.map(\.capability) == ["list_subscriptions", "upload_file", "create_event"], "the file held 'QBR'")
    }

    @Test func step_labels_are_numbered_parts_and_his_field_is_the_found_contacts() async throws {
        let steps = try await EmbeddedPlanning.workflow(
            "Step 1: look up Liam Kowalski in the CRM. Step 2: change his company to Vandelay Industries. Step 3: tell #sales.")
        #expect(steps.steps.map(\.capability) == ["search_contacts", "find_channel", "update_contact", "post_message"])
        #expect(steps.steps[2].input["id"] == .reference(step: 0, path: "0.id"))
        #expect(steps.steps[2].input["properties"] == .literal(.object(["company": .string("Vandelay Industries")])))
        let phone = try await EmbeddedPlanning.workflow("Look up Cordelia Ashby in the CRM and update her phone to +44 20 7946 0321")
        #expect(phone.steps.last?.input["properties"] == .literal(.object(["phone": .string("+44 20 7946 0321")])))
        let attendee = try await EmbeddedPlanning.workflow(
            "Schedule 'Vendor review' Monday 1pm with liam.kowalski@vandelay.example, then update his lifecycle stage to opportunity")
        #expect(
            attendee.steps.map(\.capability) == ["search_contacts", "create_event", "update_contact"], "a contact, not a deal id asked for")
        #expect(attendee.steps[0].input["query"] == .literal(.string("liam.kowalski@vandelay.example")))
        #expect(attendee.steps[2].input["properties"] == .literal(.object(["lifecyclestage": .string("opportunity")])))
    }

    @Test func a_verb_before_a_colon_is_the_verb_though_it_names_a_service() async throws {
        let crit = try await EmbeddedPlanning.workflow(
            "Please shedule: Design crit, Wed Dec 9, 2pm–3pm, attendees noor@vantablue.example and felix@vantablue.example")
        #expect(crit.steps.map(\.capability) == ["create_event"])
        #expect(crit.steps[0].input["summary"] == .literal(.string("Design crit")))
        #expect(
            crit.steps[0].input["attendees"]
                == .literal(
                    .array([.object(["email": .string("noor@vantablue.example")]), .object(["email": .string("felix@vantablue.example")])]))
        )
    }
}
