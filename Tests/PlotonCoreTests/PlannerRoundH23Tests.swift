import Foundation
import PlotonCore
import Testing

/// Blind round h23 (session 13), by class.
@Suite struct PlannerRoundH23Tests {
    static func capabilities(_ prompt: String) async throws -> [String] {
        try await EmbeddedPlanning.workflow(prompt).steps.map { "\($0.tool).\($0.capability)" }
    }

    /// Read as a search of mail, the list and the send were both dropped and the task completed empty.
    @Test func records_emailed_or_sent_by_email_are_read_then_sent() async throws {
        let emailed = try await EmbeddedPlanning.workflow(
            "For my user Tomás: he wants the list of deals closing this month emailed to his manager at elena.vasquez@northwind.example with the subject 'December closings'."
        )
        #expect(emailed.steps.map { "\($0.tool).\($0.capability)" } == ["crm.list_deals", "email.send_message"])
        #expect(emailed.steps.first?.keep?.isEmpty == false, "the period is kept")
        let unaddressed = try await EmbeddedPlanning.needsInput("My user wants the list of overdue invoices sent over by email.")
        #expect(unaddressed.contains("to"), "\(unaddressed)")
        let slack = try await EmbeddedPlanning.needsInput("the open deals shared via slack")
        #expect(slack.contains("channel"), "\(slack)")
        // Mail itself stays a search.
        #expect(
            try await Self.capabilities("find the emails sent to ann@acme.example last week") == [
                "email.search_messages", "email.read_message",
            ])
    }

    /// "from #support" is where the messages come from: read as where they go, the send asked for a post's text.
    @Test func a_channel_messages_come_from_is_read_not_posted_to() async throws {
        #expect(
            try await Self.capabilities("Send me (kai@studio9.example) the last messages from #support")
                == ["chat.find_channel", "chat.list_messages", "email.send_message"])
        #expect(
            try await Self.capabilities("email kai@studio9.example the messages in #support")
                == ["chat.find_channel", "chat.list_messages", "email.send_message"])
        #expect(
            try await Self.capabilities("post the last messages from #support to #eng")
                == ["chat.find_channel", "chat.list_messages", "chat.find_channel", "chat.post_message"])
        #expect(try await Self.capabilities("post hi in #support") == ["chat.find_channel", "chat.post_message"])
    }

    /// A message of a kind no tool sends is refused, naming it (the task asked for a channel or an address).
    @Test func an_sms_or_a_text_is_refused_naming_it() async throws {
        let sms = await EmbeddedPlanning.failure("Send an SMS to +1 415 555 0132 saying the car is ready")
        #expect(sms?.contains("no tool here sends \"SMS\"") == true, "\(sms ?? "planned")")
        let text = await EmbeddedPlanning.failure("send Bob a text saying hi")
        #expect(text?.contains("no tool here sends \"text\"") == true, "\(text ?? "planned")")
        // The text an email or a post carries is no text message.
        #expect(
            try await Self.capabilities("email ann@acme.example the text \"Your renewal quote is ready\"") == ["email.send_message"])
        #expect(try await Self.capabilities("post the text: lunch is here in #general").last == "chat.post_message")
    }

    /// "Context: …" with no label after it: the request is the sentence that asks for something, not the
    /// context read as a verb ("no tool here can context that").
    @Test func context_without_a_task_label_ends_where_a_sentence_asks() async throws {
        #expect(
            try await Self.capabilities(
                "Context: our rep Keisha just got off a call with Acme and they're expanding the order. Please update the Acme deal amount to 95,500."
            ) == ["crm.search_deals", "crm.update_deal"])
        #expect(
            try await Self.capabilities("Context: the team is travelling. Can you check the weather in Oslo?")
                == ["weather.geocode", "weather.current"])
    }

    /// "…, subject 'Rent for December', saying the transfer went out": the message goes on after the comma.
    @Test func saying_after_a_comma_is_what_the_message_says() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "Please send an email on behalf of my user Rahul to his landlord, ana.lima@rentco.example, subject 'Rent for December', saying the transfer went out this morning."
        )
        #expect(workflow.steps.map(\.capability) == ["send_message"])
        guard case .literal(.string(let raw))? = workflow.steps.first?.input["raw"] else { throw CancellationError() }
        let message = Base64URLText.decoded(raw) ?? raw
        #expect(message.contains("Subject: Rent for December") && message.contains("the transfer went out this morning"), "\(message)")
    }

    /// "Read back #eng-standup and tell her who said what": the messages, for the user the request is
    /// relayed for. A channel's name ("standup") no longer reads the calendar, and "tell her" with
    /// nowhere to send it no longer posts "who said what" to the channel.
    @Test func tell_her_what_was_read_answers_and_a_channels_name_picks_no_tool() async throws {
        #expect(
            try await Self.capabilities("Could you read back the latest messages from #eng-standup and tell her who said what?")
                == ["chat.find_channel", "chat.list_messages"])
        #expect(
            try await Self.capabilities("Email ann@acme.example and tell her the meeting moved").last == "email.send_message")
    }

    /// "is it gonna rain later": a time is no place (the sandbox geocoded "later" and answered its weather).
    @Test func a_time_after_the_weather_is_no_place() async throws {
        #expect(try await EmbeddedPlanning.needsInput("is it gonna rain later") == ["location"])
        #expect(try await EmbeddedPlanning.needsInput("will it rain tonight") == ["location"])
        let paris = try await EmbeddedPlanning.workflow("rain in Paris later?")
        #expect(paris.steps.first?.input["name"] == .literal(.string("Paris")))
    }

    /// Dictated addresses and lower-case names, as people speak and type them.
    @Test func dictated_addresses_and_lower_case_names_are_read_as_written_out() async throws {
        let created = try await EmbeddedPlanning.workflow("add contact named john o'brien email john dot obrien at acme dot com")
        #expect(created.steps.map(\.capability) == ["create_contact"])
        guard case .literal(.object(let properties))? = created.steps.first?.input["properties"] else { throw CancellationError() }
        #expect(properties["email"] == .string("john.obrien@acme.com"))
        #expect(properties["firstname"] == .string("John") && properties["lastname"] == .string("O'Brien"), "\(properties)")
        let marked = try await EmbeddedPlanning.workflow("mark priya patel as a customer now")
        #expect(marked.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(marked.steps.first?.input["query"] == .literal(.string("Priya Patel")))
        // "me at …" is whom it goes to, not a mailbox; a record named in lower case keeps its case.
        #expect(try await EmbeddedPlanning.needsInput("email me at acme dot com the deals") == ["to"])
        let deal = try await EmbeddedPlanning.workflow("create a deal named acme renewal for 5k")
        guard case .literal(.object(let dealProperties))? = deal.steps.first?.input["properties"] else { throw CancellationError() }
        #expect(dealProperties["dealname"] == .string("acme renewal"))
    }

    /// Fields as people ask for them reach the declared field, and a time in Unix seconds reads as ISO 8601
    /// whatever it was called ("when it's due" came back as 1797522655).
    @Test func fields_asked_as_people_talk_reach_the_data() throws {
        let payments = try #require(ToolCatalog.builtIn.tool("payments"))
        let invoices = try #require(payments.capability("list_invoices")?.fields)
        let invoice: JSONValue = .object([
            "amount_due": .number(49_900), "currency": .string("usd"), "due_date": .number(1_797_522_655), "status": .string("open"),
        ])
        #expect(
            ResultShaper.shape(.array([invoice]), fields: ["when it's due", "came to", "whether it's been paid"], declared: invoices)
                == .array([
                    .object([
                        "when_it_s_due": .string("2026-12-17T15:50:55Z"), "came_to": .string("$499.00"),
                        "whether_it_s_been_paid": .string("open"),
                    ])
                ]))
        let contacts = try #require(ToolCatalog.builtIn.tool("crm")?.capability("list_contacts")?.fields)
        let contact: JSONValue = .object(["properties": .object(["firstname": .string("Ana"), "company": .string("Hooli")])])
        #expect(
            ResultShaper.shape(contact, fields: ["where they work"], declared: contacts) == .object(["where_they_work": .string("Hooli")]))
    }

    /// A Drive file id with "-" in it is read, not searched for by name; a message with labels is mail.
    @Test func a_drive_file_id_is_read_and_a_message_with_labels_is_mail() async throws {
        let read = try await EmbeddedPlanning.workflow("get details for file id 1AbC_dEf-9")
        #expect(read.steps.map(\.capability) == ["read_file"])
        #expect(read.steps.first?.input["file_id"] == .literal(.string("1AbC_dEf-9")))
        #expect(try await Self.capabilities("what labels are on the newest message from DocuSign").first == "email.search_messages")
        #expect(try await Self.capabilities("what's the latest message in #general").last == "chat.list_messages")
    }

    /// "Dana is flying to Reykjavík tomorrow … the temperature there": the place the trip goes to.
    @Test func weather_there_is_where_the_trip_goes() async throws {
        let trip = try await EmbeddedPlanning.workflow(
            "My user Dana is flying to Reykjavík tomorrow morning and wants to know whether to pack a heavy coat. Can you check the current conditions and the temperature there?"
        )
        #expect(trip.steps.first?.input["name"] == .literal(.string("Reykjavík")))
        #expect(try await EmbeddedPlanning.needsInput("what's the weather there") == ["location"])
    }

    /// "post in general the office is closed friday …": the channel right after the verb, then what it says.
    @Test func a_post_names_its_channel_then_says_its_message() async throws {
        for prompt in [
            "post in general the office is closed friday happy holidays everyone",
            "post in #general the office is closed friday happy holidays everyone",
        ] {
            let posted = try await EmbeddedPlanning.workflow(prompt)
            #expect(posted.steps.map(\.capability) == ["find_channel", "post_message"], "\(prompt)")
            #expect(posted.steps.first?.input["name"] == .literal(.string("general")))
            #expect(posted.steps.last?.input["text"] == .literal(.string("the office is closed friday happy holidays everyone")))
        }
        // Where it goes and how is no message.
        #expect(try await EmbeddedPlanning.needsInput("Post to #engineering on Slack") == ["text"])
        #expect(try await EmbeddedPlanning.needsInput("post in #general about the outage") == ["text"])
    }

    /// "for half an hour" booked an hour.
    @Test func half_an_hour_is_thirty_minutes() async throws {
        #expect(PromptText.duration(in: "tuesday at 3:30pm for half an hour") == 1_800)
        #expect(PromptText.duration(in: "for a half hour") == 1_800)
        #expect(PromptText.duration(in: "for an hour and a half") == 5_400)
        #expect(PromptText.duration(in: "for an hour") == 3_600)
        let event = try await EmbeddedPlanning.workflow("schedule sprint sync tuesday at 3:30pm for half an hour")
        guard case .literal(.object(let start))? = event.steps.first?.input["start"],
            case .literal(.object(let end))? = event.steps.first?.input["end"],
            case .string(let from)? = start["dateTime"], case .string(let to)? = end["dateTime"]
        else { throw CancellationError() }
        #expect(from.hasSuffix("15:30:00Z") && to.hasSuffix("16:00:00Z"), "\(from) – \(to)")
    }
}
