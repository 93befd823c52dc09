import Foundation
import Testing

@testable import PlotonCore

/// Session 17 (blind round h31): what agents hand over as labelled lines, inline labels and JSON.
@Suite struct PlannerHandOffsTests {
    static func plan(_ prompt: String) async throws -> Workflow { try await PlannerSession15Tests.plan(prompt) }

    static func email(_ workflow: Workflow) -> String? {
        guard case .literal(.string(let raw))? = workflow.steps.last?.input["raw"] else { return nil }
        return Base64URLText.decoded(raw)
    }

    /// h31-27: "To:/Subject:/Body:" lines asked for the body, subject and recipient they gave; the body went on
    /// past its first line.
    @Test func a_labelled_messages_text_runs_to_the_next_label() async throws {
        let sent = try await Self.plan(
            "Task: send an email.\nTo: ap@globex.example\nSubject: Invoice overdue\nBody: Hi team, the invoice is late.\nThanks, Rafa")
        #expect(sent.steps.map(\.capability) == ["send_message"])
        let message = try #require(Self.email(sent))
        #expect(message.contains("To: ap@globex.example\r\n") && message.contains("Subject: Invoice overdue\r\n"))
        #expect(message.hasSuffix("\r\n\r\nHi team, the invoice is late.\nThanks, Rafa"), "the body keeps its line break")
        // "Message:" alone on its line heads the text under it; "Recipient" and "Title" are the labels' other names.
        let headed = try await Self.plan("- Recipient: kim@x.example\n- Title: Standup\n- Message:\nMoved to 10am.\nSee you there")
        let text = try #require(Self.email(headed))
        #expect(text.contains("To: kim@x.example\r\n") && text.contains("Subject: Standup\r\n"))
        #expect(text.hasSuffix("\r\n\r\nMoved to 10am.\nSee you there"))
    }

    /// h31-40, h31-45, h31-38: labels written inline ("Details -> name: …; value: …", "Query: 'nguyen'.",
    /// "customer email = …") were read as words.
    @Test func labels_written_inline_are_read_as_values() async throws {
        let deal = try await Self.plan(
            "The user asked me to add a new deal to HubSpot. Details -> name: Fjord Freight – tracking; value: 42,000 NOK; stage: "
                + "appointment scheduled.")
        #expect(
            deal.steps.first?.input["properties"]
                == .literal(
                    .object([
                        "dealname": .string("Fjord Freight – tracking"), "amount": .string("42000"),
                        "deal_currency_code": .string("NOK"), "dealstage": .string("appointmentscheduled"),
                    ])))
        let search = try await Self.plan("Tool request: crm contacts. Query: 'nguyen'. Return name, email, phone.")
        #expect(search.steps.map(\.capability) == ["search_contacts"])
        #expect(search.steps.first?.input["query"] == .literal(.string("nguyen")))
        #expect(search.resultFields == ["name", "email", "phone"])
        let customer = try await Self.plan(
            "Handoff from intake bot: customer email = lena@fischer.example. Need: the Stripe customer record for that email (name, id).")
        #expect(customer.steps.map(\.capability) == ["list_customers"])
        #expect(customer.steps.first?.input["email"] == .literal(.string("lena@fischer.example")))
        #expect(customer.resultFields == ["name", "id"])
    }

    /// h31-29, h31-49: a JSON object's person fields were dropped but the email, and a JSON list before words
    /// was read as words.
    @Test func json_requests_keep_every_field_and_the_words_around_them() async throws {
        let contact = try await Self.plan(
            #"Please execute: {"action": "create_contact", "first_name": "Siobhán", "last_name": "Ní Bhriain", "#
                + #""email": "s@dublin.example", "company": "Dublin Digital"}"#)
        #expect(
            contact.steps.first?.input["properties"]
                == .literal(
                    .object([
                        "firstname": .string("Siobhán"), "lastname": .string("Ní Bhriain"), "email": .string("s@dublin.example"),
                        "company": .string("Dublin Digital"),
                    ])))
        let channel = try await Self.plan(
            #"[{"tool": "chat", "do": "find channel", "name": "mktg-emea"}] The user wants the channel topic and id."#)
        #expect(channel.steps.map(\.capability) == ["find_channel"])
        #expect(channel.steps.first?.input["name"] == .literal(.string("mktg-emea")))
        #expect(channel.resultFields == ["topic", "id"])
    }

    /// "Output: JSON only" is how to answer, and names no field; a line of several labels in prose stays prose.
    @Test func an_answer_format_is_no_field() async throws {
        let weather = try await Self.plan("Task: report the current humidity for Oslo. Output: JSON only.")
        #expect(weather.resultFields == ["humidity"])
    }

    /// h31-30: "what deals do we have going with initech?" read every deal; "search deals for umbrella. Show the deal
    /// name and amount" lost the search to a second, unfiltered read.
    @Test func a_deal_search_keeps_its_company_and_its_fields() async throws {
        let going = try await Self.plan("what deals do we have going with initech? Return deal name, amount and stage.")
        #expect(going.steps.map(\.capability) == ["search_deals"])
        #expect(going.steps.first?.input["query"] == .literal(.string("initech")))
        let shown = try await Self.plan("search deals for umbrella. Show the deal name and amount.")
        #expect(shown.steps.map(\.capability) == ["search_deals"])
        #expect(shown.steps.first?.input["query"] == .literal(.string("Umbrella")), "a name typed in lower case, searched as one")
        #expect(shown.resultFields == ["deal name", "amount"])
        // A field after "with" is no company, and "show their latest invoice" reads the invoice.
        let amounts = try await Self.plan("what deals do we have with amount over 5000")
        #expect(amounts.steps.map(\.capability) == ["list_deals"])
        let invoice = try await Self.plan("Look up the customer with email ops@initech.example in Stripe and show their latest invoice")
        #expect(invoice.steps.map(\.capability) == ["list_customers", "latest_invoice"])
    }
}

/// Round h32's hand-offs: function calls as code writes them, values listed as JSON objects, labelled lines whose
/// action is said before or after them.
@Suite struct PlannerToolCallTests {
    static func plan(_ prompt: String) async throws -> Workflow { try await PlannerSession15Tests.plan(prompt) }

    /// h32-04, 06, 14, 26, 31: `create_event(title=…)`, `create_contact({…})`, `upload_file {…}` were read as words
    /// (three of them silently dropped the action).
    @Test func a_function_call_is_the_action_it_names_with_its_arguments() async throws {
        let event = try await Self.plan(#"create_event(title="Dentist", start="2026-12-09T08:15:00Z", end="2026-12-09T09:00:00Z")"#)
        #expect(event.steps.map(\.capability) == ["create_event"])
        #expect(event.steps.first?.input["summary"] == .literal(.string("Dentist")))
        #expect(event.steps.first?.input["end"] == .literal(.object(["dateTime": .string("2026-12-09T09:00:00Z")])))
        let contact = try await Self.plan(
            #"create_contact({"firstname": "Zoë", "lastname": "Saint-Clair", "email": "zoe@sc.example", "company": "SC Design"})"#)
        #expect(contact.steps.map(\.capability) == ["create_contact"], "no email is sent")
        #expect(
            contact.steps.first?.input["properties"]
                == .literal(
                    .object([
                        "firstname": .string("Zoë"), "lastname": .string("Saint-Clair"), "email": .string("zoe@sc.example"),
                        "company": .string("SC Design"),
                    ])))
        let sent = try await Self.plan(#"send_message(to="fin@hb.example", subject="Month-end close", body="Checklist is done.")"#)
        #expect(sent.steps.map(\.capability) == ["send_message"])
        let customers = try await Self.plan(#"payments.list_customers(email="ap@peche.example") -> return name and created"#)
        #expect(customers.steps.map(\.capability) == ["list_customers"])
        #expect(customers.steps.first?.input["email"] == .literal(.string("ap@peche.example")))
        #expect(customers.resultFields == ["name", "created"])
        let file = try await Self.plan(#"upload_file {"name": "q4.csv", "mimeType": "text/csv", "content": "region,amount\nEMEA,120"}"#)
        #expect(file.steps.map(\.capability) == ["upload_file"])
        #expect(file.steps.first?.input["content"] == .literal(.string("region,amount\nEMEA,120")))
    }

    /// h32-05, h32-15: JSON after a request in words, and a list of objects the request goes over ("for each city").
    @Test func json_values_beside_words_fill_the_request() async throws {
        let posted = try await Self.plan(##"Post to Slack with these params: {"channel": "#release-notes", "text": "v2.14 is live 🚀"}"##)
        #expect(posted.steps.first?.input["name"] == .literal(.string("release-notes")))
        #expect(posted.steps.last?.input["text"] == .literal(.string("v2.14 is live 🚀")))
        let cities = try await Self.plan(#"Inputs: [{"city": "Kraków"}, {"city": "Porto"}]. Get the current temperature for each city."#)
        #expect(cities.steps.map(\.capability) == ["geocode", "current", "geocode", "current"])
        #expect(cities.steps[2].input["name"] == .literal(.string("Porto")))
    }

    /// h32-18, 20, 24, 09: the action said after the values ("Book it in my calendar.", "Please send it.") or over them
    /// ("Add to CRM:"), a date and a time on lines of their own, a detail the request forbids.
    @Test func labelled_values_take_the_action_said_around_them() async throws {
        let booked = try await Self.plan(
            "Title: Vendor review\nWhen: Wednesday 9am Berlin time, 1 hour\nWho: j.k@kn.example\n\nBook it in my calendar.")
        #expect(booked.steps.map(\.capability) == ["create_event"])
        #expect(booked.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2026-12-09T08:00:00Z")])))
        let sent = try await Self.plan(
            "To: legal@bw.example\nSubject: Re: Contract draft v3\nBody: We accept section 4.2.\n\nPlease send it.")
        #expect(sent.steps.map(\.capability) == ["send_message"], "one send")
        let message = try #require(PlannerHandOffsTests.email(sent))
        #expect(message.contains("Subject: Re: Contract draft v3\r\n") && message.hasSuffix("\r\n\r\nWe accept section 4.2."))
        let added = try await Self.plan("Add to CRM:\nName: Siobhán Ní Bhriain\nEmail: s@cliffside.example\nPhone: +353 1 555 0142")
        #expect(
            added.steps.first?.input["properties"]
                == .literal(
                    .object([
                        "firstname": .string("Siobhán"), "lastname": .string("Ní Bhriain"), "email": .string("s@cliffside.example"),
                        "phone": .string("+353 1 555 0142"),
                    ])))
        let scheduled = try await Self.plan(
            "Schedule the following:\n- Title: Onboarding call\n- Date: 2026-12-15\n- Time: 2:00–2:45pm UTC\n- Guests: li@acme.example\n"
                + "Do not add a description.")
        #expect(scheduled.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2026-12-15T14:00:00Z")])))
        #expect(scheduled.steps.first?.input["end"] == .literal(.object(["dateTime": .string("2026-12-15T14:45:00Z")])))
    }
}

/// Round h32's creates and texts: values stated as people type them.
@Suite struct PlannerStatedValuesTests {
    static func plan(_ prompt: String) async throws -> Workflow { try await PlannerSession15Tests.plan(prompt) }

    static func start(_ workflow: Workflow) -> JSONValue? {
        guard case .literal(let value)? = workflow.steps.last?.input["start"] else { return nil }
        return value.value(at: "dateTime")
    }

    /// h32-37, h32-69: "w/ dr. okafor tmrw 3pm" lost the time after the title's dot; "end of day Friday" was no time.
    @Test func a_titles_dot_and_the_end_of_the_day_keep_the_time() async throws {
        #expect(Self.start(try await Self.plan("pls add meeting w/ dr. okafor tmrw 3pm")) == .string("2026-12-08T15:00:00Z"))
        #expect(
            Self.start(try await Self.plan("Put a 'Deadline' event on my calendar for end of day Friday"))
                == .string("2026-12-11T17:00:00Z"))
        // A message's "by end of day" is its text.
        let told = try await Self.plan("email ana@x.example saying the report comes by end of day")
        #expect(PlannerHandOffsTests.email(told)?.hasSuffix("the report comes by end of day") == true)
    }

    /// h32-49, h32-53, h32-50: "new deal. name is '…'", "a file called todo.txt with: …", "subject: thanks! body: … 💐".
    @Test func values_said_in_the_next_breath_fill_the_create() async throws {
        let deal = try await Self.plan("i want to make new deal. name is 'Hölzl Bau 2027', amount 40000 euro")
        guard case .literal(let properties)? = deal.steps.first?.input["properties"] else {
            Issue.record("no deal properties")
            return
        }
        #expect(properties.value(at: "dealname") == .string("Hölzl Bau 2027"))
        let file = try await Self.plan("pls upload a txt file called todo.txt with: buy milk, call mom, fix bike")
        #expect(file.steps.first?.input["content"] == .literal(.string("buy milk, call mom, fix bike")))
        let mail = try await Self.plan("email sara@luna.example the subject: thanks! body: thank you for the flowers 💐 they are beautiful")
        let message = try #require(PlannerHandOffsTests.email(mail))
        #expect(message.contains("Subject: thanks!\r\n") && message.hasSuffix("thank you for the flowers 💐 they are beautiful"))
    }

    /// h32-08: "1. Find the Slack channel #x 2. Read its latest messages" found the channel only.
    @Test func its_messages_are_the_channel_found_before() async throws {
        let read = try await Self.plan("1. Find the Slack channel #customer-escalations\n2. Read its latest messages")
        #expect(read.steps.map(\.capability) == ["find_channel", "list_messages"])
        #expect(read.steps.last?.input["channel"] == .reference(step: 0, path: "0.id"))
    }

    /// h32-45: "mike o'connor … works at o'connor & daughters plumbing" kept only the address.
    @Test func where_a_new_contact_works_is_their_company_in_any_case() async throws {
        let added = try await Self.plan(
            "create contact: mike o'connor mike.oconnor@gmail.example works at o'connor & daughters plumbing")
        #expect(
            added.steps.first?.input["properties"]
                == .literal(
                    .object([
                        "firstname": .string("mike"), "lastname": .string("o'connor"), "email": .string("mike.oconnor@gmail.example"),
                        "company": .string("o'connor & daughters plumbing"),
                    ])))
        let capitalised = try await Self.plan("add a contact ana ruiz ana@ruiz.example, she works at Globex Corporation")
        guard case .literal(let properties)? = capitalised.steps.first?.input["properties"] else {
            Issue.record("no contact properties")
            return
        }
        #expect(properties.value(at: "firstname") == .string("ana"), "the company is no person")
        #expect(properties.value(at: "company") == .string("Globex Corporation"))
    }

    /// h33-58, h33-38: a call's nested "arguments" and a "Constraints:" line beside labelled values.
    @Test func nested_arguments_and_constraints_beside_values() async throws {
        let invoices = try await Self.plan(#"{"tool":"payments","capability":"list_invoices","arguments":{"status":"open","limit":20}}"#)
        #expect(invoices.steps.first?.input["status"] == .literal(.string("open")))
        #expect(invoices.steps.first?.input["limit"] == .literal(.number(20)))
        let posted = try await Self.plan(
            "Task: notify the team\nChannel: #ops\nMessage: Maintenance tonight 22:00 UTC\nConstraints: do not email anyone.")
        #expect(posted.steps.map(\.capability) == ["find_channel", "post_message"])
        #expect(posted.steps.last?.input["text"] == .literal(.string("Maintenance tonight 22:00 UTC")))
    }
}
