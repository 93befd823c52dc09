import Foundation
import PlotonCore
import Testing

/// Classes from blind rounds h66–h68 (session 27), each checked on the plan it makes.
@Suite struct PlannerSession27ClassesTests {
    @Test func a_change_told_first_is_made_to_the_record_pointed_back_at() async throws {
        let phone = try await EmbeddedPlanning.workflow(
            "Tomasz Wilk from Wilk Joinery has a new number, 020 7946 0018. Please update his record.")
        #expect(phone.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(phone.steps.first?.input["query"] == .literal(.string("Tomasz Wilk")))
        #expect(phone.steps.last?.input["properties"] == .literal(.object(["phone": .string("020 7946 0018")])))
        let deal = try await EmbeddedPlanning.workflow("The Birchwood loft deal got bigger. Please change the amount to 9400.")
        #expect(deal.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(deal.steps.last?.input["properties"] == .literal(.object(["amount": .string("9400")])))
        let quoted = try await EmbeddedPlanning.workflow(
            "We've just priced up the Millbrook kitchen fit-out - add it as a new deal for 12,300 pounds.")
        #expect(quoted.steps.map(\.capability) == ["create_deal"])
        guard case .literal(.object(let properties))? = quoted.steps.last?.input["properties"] else {
            Issue.record("no properties in \(quoted)")
            return
        }
        #expect(properties["dealname"] == .string("Millbrook kitchen fit-out"))
    }

    @Test func dictation_is_written_as_meant() async throws {
        let posted = try await EmbeddedPlanning.workflow(
            "uh so check the weather in Austin and like post the temperature in the hashtag field-ops channel")
        #expect(posted.steps.map(\.capability) == ["geocode", "current", "find_channel", "post_message"])
        #expect(posted.steps[2].input["name"] == .literal(.string("field-ops")))
        let amount = try await EmbeddedPlanning.workflow("update the deal Initech Renewal set the amount to thirty two hundred")
        #expect(amount.steps.last?.input["properties"] == .literal(.object(["amount": .string("3200")])))
        let phone = try await EmbeddedPlanning.workflow(
            "set the phone for contact Ines Duarte to plus three five one nine six five four three two one zero")
        #expect(phone.steps.last?.input["properties"] == .literal(.object(["phone": .string("+35196543210")])))
        let contact = try await EmbeddedPlanning.workflow("new contact li wei tan email li at jade river dot com company jade river")
        #expect(
            contact.steps.last?.input["properties"]
                == .literal(
                    .object([
                        "email": .string("li@jaderiver.com"), "firstname": .string("Li Wei"), "lastname": .string("Tan"),
                        "company": .string("Jade River"),
                    ])))
    }

    @Test func a_time_taken_back_is_replaced() async throws {
        let event = try await EmbeddedPlanning.workflow("create event design crit next tuesday two pm no wait three pm till four")
        #expect(event.steps.last?.input["summary"] == .literal(.string("Design crit")))
        guard case .literal(.object(let start))? = event.steps.last?.input["start"],
            case .literal(.object(let end))? = event.steps.last?.input["end"]
        else {
            Issue.record("no start or end in \(event)")
            return
        }
        #expect(start["dateTime"]?.stringValue?.contains("T15:00") == true)
        #expect(end["dateTime"]?.stringValue?.contains("T16:00") == true)
        let length = try await EmbeddedPlanning.workflow(
            "User: set up a meeting called budget review on Friday at 2pm\nAssistant: Sure, how long should it be?\n"
                + "User: make it 30 minutes, no wait, make it 45 minutes")
        guard case .literal(.object(let ends))? = length.steps.last?.input["end"] else {
            Issue.record("no end in \(length)")
            return
        }
        #expect(ends["dateTime"]?.stringValue?.contains("T14:45") == true)
    }

    @Test func a_quoted_request_relayed_as_said_is_the_request() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "Relaying verbatim from the user's phone assistant: \"search my email for anything from DocuSign about the lease\"")
        #expect(workflow.steps.first?.capability == "search_messages")
        #expect(!workflow.steps.contains { $0.capability == "send_message" })
    }

    @Test func messages_from_a_sender_after_a_question_about_mail_are_emails() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "Did the glazier email me this week? Find the messages from Clearview Glass.")
        #expect(!workflow.steps.contains { $0.tool == "chat" })
        #expect(workflow.steps.contains { $0.input["q"] == .literal(.string("from:\"Clearview Glass\"")) })
    }

    @Test func an_action_waiting_for_an_event_is_refused_not_run_now() async throws {
        let failure = try #require(await EmbeddedPlanning.failure("Post in #finance as soon as the Halvorsen payment lands"))
        #expect(failure.contains("no tool here waits for something to happen (\"as soon as the Halvorsen payment lands\")"))
        let read = try await EmbeddedPlanning.workflow("What time does the meeting start when the office opens?")
        #expect(!read.steps.isEmpty)
    }

    @Test func only_the_steps_of_a_shared_plan_given_to_ploton_are_run() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "Plan:\n1. (analyst agent) Pull last quarter's churn numbers.\n2. (you) Post \"Churn review moved to Thursday\" in "
                + "#retention.\n3. (writer agent) Draft the summary email.\nExecute only your step.")
        #expect(workflow.steps.map(\.capability) == ["find_channel", "post_message"])
        #expect(workflow.steps.last?.input["text"] == .literal(.string("Churn review moved to Thursday")))
    }

    @Test func what_a_message_or_file_says_schedules_nothing() async throws {
        let upload = try await EmbeddedPlanning.workflow("Upload a note named standup.md to Drive containing: rotate the demo host daily")
        #expect(upload.steps.map(\.capability) == ["upload_file"])
        let email = try await EmbeddedPlanning.workflow(
            "Invoking plugin function Ploton.RunTask with arguments: goal=\"Email omar@dune.example that his refund went through today\"")
        #expect(email.steps.map(\.capability) == ["send_message"])
    }

    @Test func an_aside_about_the_writers_day_is_neither_a_field_nor_a_message() async throws {
        let read = try await EmbeddedPlanning.workflow(
            "Pull every contact in HubSpot with name, company and phone number - I'm cleaning up the call list before Friday")
        #expect(read.steps.map(\.capability) == ["list_contacts"])
        #expect(read.resultFields == ["name", "company", "phone number"])
        let posted = try await EmbeddedPlanning.workflow(
            "Check the weather in Lisbon and post it to #travel - the sales team flies out tomorrow and they'll want to know what to pack")
        guard case .template(let text)? = posted.steps.last?.input["text"] else {
            Issue.record("the post is not the weather read: \(posted)")
            return
        }
        #expect(text.contains("{{1"))
        // A message with no words yet: what follows the dash is its text.
        let told = try await EmbeddedPlanning.workflow("Tell #ops - I'm out sick today")
        #expect(told.steps.last?.input["text"] == .literal(.string("I'm out sick today")))
    }

    @Test func a_figure_and_a_state_asked_of_a_read_are_relayed() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "Look up our latest invoice and tell #finance how much it came to and whether it's been paid yet")
        guard case .template(let text)? = workflow.steps.last?.input["text"] else {
            Issue.record("the post is not the invoice read: \(workflow)")
            return
        }
        #expect(text.contains("{{0.amount_due"))
    }

    @Test func one_refund_asked_twice_is_planned_once() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "- customer: Helix Labs\n- issue: wants refund on payment pi_3Q1aXyZ98\n- amount: 80 USD\n- action: process the refund")
        #expect(workflow.steps.filter { $0.capability == "create_refund" }.count == 1)
        #expect(workflow.steps.last?.input["amount"] == .literal(.number(8000)))
    }

    @Test func contradictions_of_an_act_or_a_length_are_refused() async throws {
        let refund = try #require(await EmbeddedPlanning.failure("Refund $20 on pi_3Q9abcXY and also don't refund it."))
        #expect(refund.contains("\"also don't refund it\" forbids what the rest of it asks"))
        let length = try #require(
            await EmbeddedPlanning.failure("Book a 45-minute review on Friday at 10am that runs three hours, titled 'Audit review'."))
        #expect(length.contains("it says the event lasts 45 minutes and 180 minutes"))
        let standing = try #require(
            await EmbeddedPlanning.failure("Whenever a customer writes in about a late delivery, post it to #support automatically."))
        #expect(standing.contains("Whenever a customer writes in"))
    }

    @Test func a_labelled_read_of_a_channel_reads_it() async throws {
        let workflow = try await EmbeddedPlanning.workflow("<task><action>list messages</action><channel>#support</channel></task>")
        #expect(workflow.steps.map(\.capability) == ["find_channel", "list_messages"])
    }

    @Test func a_text_that_quotes_someone_is_sent_whole() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "Send jamie@copperleaf.example an email with subject \"Following up\" and this text:\nHi Jamie,\nAs you said, \"the export "
                + "is the blocker.\" We are on it.\nBest, Ana")
        #expect(
            try EmbeddedPlanning.sentMessage(workflow).hasSuffix(
                "\r\n\r\nHi Jamie,\nAs you said, \"the export is the blocker.\" We are on it.\nBest, Ana"))
    }

    @Test func the_weather_emailed_is_the_whole_reading() async throws {
        let workflow = try await EmbeddedPlanning.workflow("What's the weather in Lagos? Email it to ops@acme.example")
        guard case .template(let raw)? = workflow.steps.last?.input["raw"] else {
            Issue.record("no composed message in \(workflow)")
            return
        }
        #expect(raw.contains("{{1.temperature}}"))
    }
}
