import Foundation
import PlotonCore
import Testing

/// Requests relayed by an agent ("The user (…) asked …", "Their request: …", "Goal: … Constraints: …"),
/// lettered steps, and deliveries written as participles (blind round h19: 7 silent drops at first sight).
@Suite struct PlannerRelayedRequestsTests {
    @Test func a_relayed_request_is_planned_without_who_relayed_it() async throws {
        let quoted = try await EmbeddedPlanning.workflow(
            "Here's what Yusuf (RevOps at Cobalt & Pine) asked me: 'mark contact 5521 as a customer'. Please take care of it.")
        #expect(quoted.steps.map(\.capability) == ["update_contact"], "was a search for 'Cobalt & Pine asked me'")
        let lead = try await EmbeddedPlanning.workflow(
            #"You are acting for user_kf_204. Their request: "Add a new lead to our CRM: Tomasz Wiśniewski, tomasz@polarisfreight.example, works at Polaris Freight." Confirm once it's created."#
        )
        #expect(lead.steps.map(\.capability) == ["create_contact"])
        let askedTo = try await EmbeddedPlanner().plan(
            PlanningRequest(
                prompt:
                    "The user (Priya, sales at Brisbane Buildcorp) asked to change the amount on the Brisbane expansion deal. She didn't say to what.",
                userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn))
        guard case .needsInput(let schema, _) = askedTo else {
            Issue.record("expected the amount asked for, got \(askedTo)")
            return
        }
        #expect(schema.value(at: "required") == .array([.string("amount")]))
        // The words a file holds after "says:" are no relayed request.
        let note = try await EmbeddedPlanning.workflow(
            "save a file called standup-notes.md on Drive that says: shipped auth fix, next up billing page")
        #expect(note.steps.map(\.capability) == ["upload_file"])
    }

    @Test func goal_and_constraints_labels_and_lettered_steps() async throws {
        let goal = try await EmbeddedPlanning.workflow(
            "Context: quarter close at Dunmore 7 Logistics. Goal: export all open invoices to Drive as open-invoices-dec.csv, plus post the file name in #finance. Constraints: don't email anyone."
        )
        #expect(goal.steps.map(\.capability) == ["list_invoices", "find_channel", "upload_file", "post_message"], "no email search")
        let lettered = try await EmbeddedPlanning.workflow(
            "Task for user_mh_77:\n(a) update deal 6120's close date to 2027-01-15\n(b) then email the account owner, ngozi@havenstone.example, that the close date moved to January 15"
        )
        #expect(lettered.steps.map(\.capability) == ["update_deal", "send_message"], "the update was a read")
        let oneLine = try await EmbeddedPlanning.workflow(
            "a) schedule 'Ops sync' Monday 9am for 45 min b) post 'ops sync booked' in #engineering")
        #expect(oneLine.steps.map(\.capability) == ["find_channel", "create_event", "post_message"])
    }

    @Test func a_delivery_written_as_a_participle_sends_what_is_read() async throws {
        let invoice = try await EmbeddedPlanning.workflow(
            "I'd love a summary of the latest invoice emailed to our accountant at books@tallowcraft.example.")
        #expect(invoice.steps.map(\.capability) == ["latest_invoice", "send_message"], "was a search of mail from the accountant")
        let weather = try await EmbeddedPlanning.workflow("I'd like the weather in Dublin sent to #general")
        #expect(weather.steps.first?.input["name"] == .literal(.string("Dublin")), "not 'Dublin sent'")
        #expect(weather.steps.last?.capability == "post_message")
        let sent = try await EmbeddedPlanning.workflow("find the emails sent to ann@acme.example last week")
        #expect(sent.steps.first?.capability == "search_messages", "mail sent to someone is still searched")
        #expect(!sent.steps.contains { $0.capability == "send_message" })
        let dropbox = await EmbeddedPlanning.failure("dec invoices -> dropbox as invoices-dec.csv")
        #expect(dropbox?.contains("no tool here connects to Dropbox") == true, "the file went to Google Drive")
    }

    @Test func a_numbered_step_after_an_updated_amount_is_its_own_part() async throws {
        let steps = try await EmbeddedPlanning.workflow(
            "1. create contact Tomas Berg, tomas@hooli.example, Hooli 2. update the Hooli - Pilot deal amount to 25000 3. slack #sales: Hooli expanded"
        )
        #expect(steps.steps.map(\.capability) == ["find_channel", "create_contact", "search_deals", "update_deal", "post_message"])
        #expect(steps.steps[3].input["properties"] == .literal(.object(["amount": .string("25000")])), "the post was written as the amount")
    }

    @Test func more_shapes_of_round_h19_plan_what_was_asked() async throws {
        let named = try await EmbeddedPlanning.workflow(
            "set up an hour with kenji@meridian9.example and lucia@meridian9.example tomorrow at 3pm, call it Hiring plan sync")
        #expect(named.steps.map(\.capability) == ["create_event"], "'call it' was refused as the verb 'call'")
        #expect(named.steps[0].input["summary"] == .literal(.string("Hiring plan sync")))
        let loop = await EmbeddedPlanning.failure(
            "The user (Hollis Grant, CS lead at Birchgate) asked: for every contact at Zephyr Analytics, send a personal thank-you email.")
        #expect(loop?.contains("needs a loop") == true, "one `to` was asked for")
        let put = try await EmbeddedPlanning.workflow("Could you put the weather in Galway on #west-office, please?")
        #expect(put.steps.map(\.capability) == ["geocode", "current", "find_channel", "post_message"])
        let current = try await EmbeddedPlanning.workflow(
            "Before confirming tomorrow's hike she wants the current conditions and humidity in Banff, Canada posted to #trip-leads.")
        #expect(current.steps.first?.capability == "geocode", "the current weather is asked, whatever day the hike is")
        let data = try await EmbeddedPlanning.workflow(
            ##"Execute this: {"action": "post_message", "channel": "#release-train", "text": "v4.2.0 is live"}"##)
        #expect(data.steps.last?.input["text"] == .literal(.string("v4.2.0 is live")))
    }

    @Test func names_titles_and_subjects_as_written() async throws {
        #expect(
            try await EmbeddedPlanning.workflow("contacts at Oakhurst & Finch").steps[0].input["query"]
                == .literal(.string("Oakhurst & Finch")))
        #expect(
            try await EmbeddedPlanning.workflow("look up the Ashworth & Lyle contact in the CRM").steps[0].input["query"]
                == .literal(.string("Ashworth & Lyle")))
        let contact = try await EmbeddedPlanning.workflow(
            "Please add a contact for Marisol Ortega-Ruiz (marisol@cantera.example, phone 555-0173); once that's done, create a deal named Cantera tile order worth $3,400."
        )
        guard case .literal(let properties) = contact.steps[0].input["properties"] else {
            Issue.record("expected literal properties")
            return
        }
        #expect(properties.value(at: "lastname") == .string("Ortega-Ruiz"))
        #expect(properties.value(at: "phone") == .string("555-0173"), "not '555-0173)'")
        let review = try await EmbeddedPlanning.workflow(
            "schedule a 45-minute budget review with olu@harrowgate.example next Monday at 10am")
        #expect(review.steps[0].input["summary"] == .literal(.string("Budget review")))
        let vendor = try await EmbeddedPlanning.workflow("Schedule a 45-minute vendor call with Okonkwo Freight tomorrow at 3pm")
        #expect(vendor.steps[0].input["summary"] == .literal(.string("Vendor call with Okonkwo Freight")))
        let snapshot = try await EmbeddedPlanning.workflow(
            "Please email priya.raman@fernbrook.example the list of open deals with the subject 'Pipeline snapshot'.")
        #expect(snapshot.steps.map(\.capability) == ["list_deals", "send_message"], "the body was asked for")
        let received = try await EmbeddedPlanning.workflow("Could you pull the payments we got through Stripe last week?")
        #expect(received.steps.map(\.capability) == ["list_invoices"])
        #expect(received.steps[0].input["status"] == .literal(.string("paid")))
    }
}
