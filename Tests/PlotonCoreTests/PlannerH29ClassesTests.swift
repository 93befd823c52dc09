import Foundation
import PlotonCore
import Testing

/// Blind round h29 (session 16, a third written as agents hand tasks over): the classes split to the planner helper.
@Suite struct PlannerH29ClassesTests {
    static let now = Date(timeIntervalSince1970: 1_796_639_400)  // 2026-12-07 10:30 UTC, a Monday

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    /// Values an agent hands over as labelled lines, bulleted or in bold, under a heading ("Constraints:") or as a
    /// record's fields in braces, were asked for again (title, start, email, payment, name and content).
    @Test func labelled_agent_fields_are_the_values_of_the_request() async throws {
        let event = try await Self.plan(
            """
            Task: create a calendar event.
            Constraints:
            - title: Quarterly review
            - when: 2026-12-15 14:00-15:00 UTC
            - attendees: ["ceo@ourco.example", "cfo@ourco.example"]
            """)
        #expect(event.steps.first?.input["summary"] == .literal(.string("Quarterly review")))
        #expect(event.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2026-12-15T14:00:00Z")])))
        #expect(
            event.steps.first?.input["attendees"]
                == .literal(.array([.object(["email": .string("ceo@ourco.example")]), .object(["email": .string("cfo@ourco.example")])])))
        let lead = try await Self.plan(
            """
            The user wants to add a lead to the CRM.
            fields: {firstname: "Siobhan", lastname: "O'Connell", email: "siobhan@greenleaf.ie", company: "Greenleaf & Daughters"}
            """)
        #expect(
            lead.steps.first?.input["properties"]
                == .literal(
                    .object([
                        "firstname": .string("Siobhan"), "lastname": .string("O'Connell"), "email": .string("siobhan@greenleaf.ie"),
                        "company": .string("Greenleaf & Daughters"),
                    ])))
        let refund = try await Self.plan(
            """
            Task: refund a customer.
            - payment: pi_3QaBcD9
            - amount: 25.00 USD
            - reason: duplicate charge
            Return the refund confirmation.
            """)
        #expect(refund.steps.filter { $0.capability == "create_refund" }.count == 1)
        #expect(refund.steps.last?.input["amount"] == .literal(.number(2500)))
        let upload = try await Self.plan(
            """
            **Request**: upload a file for the user.
            **File name**: meeting-notes-2026-12-07.md
            **Content**: agreed on the Q1 roadmap; next sync Dec 14
            """)
        #expect(upload.steps.first?.input["name"] == .literal(.string("meeting-notes-2026-12-07.md")))
        #expect(upload.steps.first?.input["content"] == .literal(.string("agreed on the Q1 roadmap; next sync Dec 14")))
    }

    /// "* deal: "Wayne Enterprises - Renewal"\n* new stage: contract sent", "Contact: Mei Lin Ho\nNew company: …": the
    /// record, found, then what changes (an id was asked for); "Query: "Globex renewal"" is what deals are searched for.
    @Test func labelled_changes_and_queries_find_their_record() async throws {
        let deal = try await Self.plan(
            """
            The user wants to update a deal.
            * deal: "Wayne Enterprises - Renewal"
            * new stage: contract sent
            * new close date: 2026-12-31
            """)
        #expect(deal.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(
            deal.steps.last?.input["properties"]
                == .literal(.object(["dealstage": .string("contractsent"), "closedate": .string("2026-12-31")])))
        let contact = try await Self.plan(
            """
            The user wants to change a contact's company.
            Contact: Mei Lin Ho
            New company: Ho & Partners LLP
            """)
        #expect(contact.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(contact.steps.last?.input["properties"] == .literal(.object(["company": .string("Ho & Partners LLP")])))
        let search = try await Self.plan(
            """
            The user is looking for a deal in HubSpot.
            Query: "Globex renewal"
            Return: deal name, stage
            """)
        #expect(search.steps.map(\.capability) == ["search_deals"])
        #expect(search.steps.first?.input["query"] == .literal(.string("Globex renewal")))
    }

    /// "fix the email on Ana Lima's contact, it should be ana@…" failed ("no tool here can fix that"); "mark contact tomás
    /// garcía as a customer" asked for an id and "the contact for renée o'brien" listed every contact: a name in lower
    /// case, known by its accent or apostrophe, is a name.
    @Test func corrections_and_lower_case_names_find_the_contact() async throws {
        let fixed = try await Self.plan("fix the email on Ana Lima's contact, it should be ana.lima@novaterra.com.br")
        #expect(fixed.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(fixed.steps.last?.input["properties"] == .literal(.object(["email": .string("ana.lima@novaterra.com.br")])))
        let marked = try await Self.plan("mark contact tomás garcía as a customer")
        #expect(marked.steps.first?.input["query"] == .literal(.string("Tomás García")))
        let found = try await Self.plan("find the contact for renée o'brien")
        #expect(found.steps.map(\.capability) == ["search_contacts"])
        #expect(found.steps.first?.input["query"] == .literal(.string("Renée O'Brien")))
        // A contraction is no name.
        #expect(try await Self.plan("List every contact we've added in the last 30 days").steps.map(\.capability) == ["list_contacts"])
    }

    /// Agent framing: "Restating the goal: …" failed as a verb "restating"; "their email is arjun@… (do not email them)"
    /// failed as an address no step used; "Task: check the humidity for the end user's city. Context: …, based in São
    /// Paulo" asked for the place; fields asked after a quoted request, or after "Constraints: …", were dropped.
    @Test func agent_framing_is_read_as_framing() async throws {
        let dublin = try await Self.plan(
            "Restating the goal: the end user wants to know whether it's raining in Dublin before they leave. Please fetch current "
                + "conditions for Dublin, Ireland. Fields: [conditions, temperature].")
        #expect(dublin.steps.map(\.capability) == ["geocode", "current"])
        let contacts = try await Self.plan(
            "Task: list the CRM contacts with their created date. The user is in Asia/Kolkata; their email is arjun@ourco.example (do not "
                + "email them).")
        #expect(contacts.steps.map(\.capability) == ["list_contacts"])
        let humidity = try await Self.plan(
            """
            Task: check the humidity for the end user's city.
            Context: the user is Sofia Marquez, based in São Paulo, email sofia.m@brightlane.io.
            Constraints: return humidity only.
            """)
        #expect(humidity.steps.first?.input["name"] == .literal(.string("São Paulo")))
        let deals = try await Self.plan(
            "I am an assistant acting for Raj Patel (raj@ourco.example). He asked: \"what deals are in the pipeline and how big are "
                + "they?\" Please return deal name and amount.")
        #expect(deals.resultFields == ["deal name", "amount"])
        let channel = try await Self.plan(
            "Task: look up the Slack channel #random. Constraints: read-only, do not post anything. Return its topic and member count.")
        #expect(channel.resultFields == ["topic", "member count"])
    }

    /// "lat/long" was no word.
    @Test func lat_long_is_the_coordinates() async throws {
        let place = try await Self.plan("whats the lat/long of Reykjavík")
        #expect(place.steps.map(\.capability) == ["geocode"])
        #expect(place.resultFields == ["coordinates"])
    }

    /// "Book 'Design crit' … on Wednesday at 3pm - actually make it 4pm." booked 3pm: the time said last is the one.
    @Test func a_corrected_time_replaces_the_first() async throws {
        let crit = try await Self.plan("Book 'Design crit' with design@ourco.example on Wednesday at 3pm - actually make it 4pm.")
        #expect(crit.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2026-12-09T16:00:00Z")])))
        #expect(crit.steps.first?.input["summary"] == .literal(.string("Design crit")))
        let sync = try await Self.plan("schedule a sync with ana@x.example tomorrow at 10am, no wait, make that 11:30am")
        #expect(sync.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2026-12-08T11:30:00Z")])))
    }

    /// "email messages from vertex.example received after Dec 1" searched every message: a sender's domain is a sender.
    @Test func a_sender_domain_is_searched() async throws {
        let vertex = try await Self.plan("find email messages from vertex.example received after Dec 1")
        guard case .literal(.string(let query))? = vertex.steps.first?.input["q"] else {
            Issue.record("no query: \(vertex.steps)")
            return
        }
        #expect(query.contains("from:vertex.example"))
    }
}
