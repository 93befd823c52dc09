import Foundation
import PlotonCore
import Testing

/// Classes from blind rounds h78–h79 (session 29), each checked on the plan it makes.
@Suite struct PlannerSession29ClassesTests {
    @Test func a_pronoun_names_the_record_of_whom_an_earlier_sentence_spoke() async throws {
        // Her invoice, never the newest of anyone's; and the address beside it is where it goes, not what it says.
        let owed = try await EmbeddedPlanning.workflow(
            "Marta Kowalczyk rang to ask what she still owes us. Pull up her most recent invoice and email her the amount due - "
                + "her address is marta@kowal.example")
        #expect(owed.steps.map(\.capability) == ["list_customers", "latest_invoice", "send_message"])
        #expect("\(owed.steps[0])".contains("Marta Kowalczyk"))
        guard case .template(let message)? = owed.steps.last?.input["raw"] else {
            Issue.record("no message in \(owed)")
            return
        }
        #expect(message.contains("To: marta@kowal.example") && !message.contains("her address is"))
        let deal = try await EmbeddedPlanning.workflow(
            "Vantage Capital's procurement team is slow. Move the close date on their deal to March 3rd.")
        #expect(deal.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(deal.steps.first?.input["query"] == .literal(.string("Vantage Capital")))
        // A customer given by address in the context of a labelled task: their subscriptions, not everyone's.
        let subscriptions = try await EmbeddedPlanning.workflow(
            "Context: the customer omar@sable.example was billed for Pro after downgrading.\nTask: list his subscriptions with plan and status."
        )
        #expect(subscriptions.steps.map(\.capability) == ["list_customers", "list_subscriptions"])
        #expect("\(subscriptions.steps[0])".contains("omar@sable.example"))
        // Two people before it: nobody is guessed.
        let two = try await EmbeddedPlanning.workflow("Ana Ruiz and Ben Ito both called. Show me her latest invoice.")
        #expect(!"\(two.steps)".contains("Ana Ruiz") && !"\(two.steps)".contains("Ben Ito"))
    }

    @Test func a_request_quoted_inside_framing_reads_as_if_sent_alone() async throws {
        let relayed = try await EmbeddedPlanning.workflow(
            "Planner restating the end user's goal: \"Tell #billing what Hooli's most recent invoice was for and how much it was.\"")
        #expect(relayed.steps.map(\.capability) == ["list_customers", "latest_invoice", "find_channel", "post_message"])
        // What is told keeps its writer's words ("ten", not "10").
        let late = try await EmbeddedPlanning.workflow("post in #standup that I'm running about ten minutes late")
        #expect(late.steps.last?.input["text"] == .literal(.string("I'm running about ten minutes late")))
    }

    @Test func a_part_of_the_day_narrows_the_calendar_read() async throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2027-11-16T09:25:00Z"))
        let told = try await EmbeddedPlanning.workflow("whats the forecast in leeds, and tell #drivers whats on my cal this aft", now: now)
        let events = try #require(told.steps.first { $0.capability == "list_events" })
        #expect(events.input["timeMin"] == .literal(.string("2027-11-16T12:00:00Z")))
        #expect(events.input["timeMax"] == .literal(.string("2027-11-16T18:00:00Z")))
        #expect(told.steps.last?.capability == "post_message")
        let morning = try await EmbeddedPlanning.workflow("what's on my calendar tomorrow morning", now: now)
        #expect(morning.steps.first?.input["timeMax"] == .literal(.string("2027-11-17T12:00:00Z")))
    }

    @Test func a_task_that_only_states_a_goal_gives_way_to_the_request_after_it() async throws {
        let tidy = try await EmbeddedPlanning.workflow(
            "Task: keep the CRM tidy\nContext: Lukas Brandt left Initech for Globex.\nUpdate his contact: company Globex.")
        #expect(tidy.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(tidy.steps.first?.input["query"] == .literal(.string("Lukas Brandt")))
        #expect(tidy.steps.last?.input["properties"] == .literal(.object(["company": .string("Globex")])))
    }

    @Test func a_send_for_later_and_a_rule_against_the_act_are_refused() async throws {
        // Sent now, the email was not what was asked; posted, the rule was broken.
        let later = await EmbeddedPlanning.failure("email priya@lumen.example tmrw 8am saying congrats on the launch")
        #expect(later?.contains("sends a message later") == true)
        let forbidden = await EmbeddedPlanning.failure(
            "Action: post in #announcements \"Office closed Monday\".\nConstraints: do not post anything to Slack.")
        #expect(forbidden?.contains("forbids what the rest of it asks") == true)
    }

    @Test func an_agents_data_keeps_every_value_it_states() async throws {
        let changes = try await EmbeddedPlanning.workflow(
            #"{"action": "update_deal", "deal": "Kestrel - Rollout", "changes": {"amount": 48000, "closedate": "2028-04-30"}}"#)
        #expect(
            changes.steps.last?.input["properties"]
                == .literal(.object(["amount": .string("48000"), "closedate": .string("2028-04-30")])))
        let news = try await EmbeddedPlanning.workflow("Intent: team_news\nChannel: #general\nText: The Q4 offsite is booked for March 12")
        #expect(news.steps.last?.input["text"] == .literal(.string("The Q4 offsite is booked for March 12")))
        let refund = try await EmbeddedPlanning.workflow(
            #"{"tool_intent": "refund", "payment": "pi_3RtY7uIoP9aS2d", "amount_usd": 40, "reason": "late delivery"}"#)
        #expect(refund.steps.last?.input["amount"] == .literal(.number(4000)))
    }

    @Test func news_of_a_deal_before_the_request_is_the_deal_it_changes_or_makes() async throws {
        let raised = try await EmbeddedPlanning.workflow("stark industries renewal is now 61,500 - can u update the deal")
        #expect(raised.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(raised.steps.last?.input["properties"] == .literal(.object(["amount": .string("61500")])))
        let made = try await EmbeddedPlanning.workflow(
            "Heard from the field - Lakeside Clinics wants the premium tier! Log a deal for them, 14,200 dollars.")
        #expect(
            made.steps.last?.input["properties"]
                == .literal(.object(["dealname": .string("Lakeside Clinics"), "amount": .string("14200")])))
        // An agent's "the user's" mail is the mail read, no word to search for; a sigh is no verb.
        let read = try await EmbeddedPlanning.workflow("Open the end user's latest email and give me the sender and subject.")
        #expect(read.steps.first?.input["q"] == .literal(.string("in:inbox")))
        let sigh = try await EmbeddedPlanning.workflow(
            "Argh, the printer on 2 is jammed again. Can you let #office know it's down until tomorrow?")
        #expect(sigh.steps.last?.capability == "post_message")
    }

    @Test func a_possessive_typed_without_its_apostrophe_still_names_the_owner() async throws {
        // The named customer's invoice (anyone's newest was read), and its number is the invoice's (her phone was searched).
        let owned = try await EmbeddedPlanning.workflow("whats tom okafors latest invoice number")
        #expect(owned.steps.map(\.capability) == ["list_customers", "latest_invoice"])
        #expect("\(owned.steps[0])".contains("Tom Okafor"))
        let everyone = try await EmbeddedPlanning.workflow("show all customers latest invoice")
        #expect(everyone.steps.map(\.capability) == ["latest_invoice"])
    }
}
