import Foundation
import PlotonCore
import Testing

/// Blind round h27 (session 15: people in roles, non-native English, context sentences around the ask) and the lead's
/// own tries: its open classes, each by a general rule.
@Suite struct PlannerH27ClassesTests {
    static let now = Date(timeIntervalSince1970: 1_796_639_400)  // 2026-12-07 10:30 UTC, a Monday

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    static func start(_ iso: String) -> JSONInput { .literal(.object(["dateTime": .string(iso)])) }

    /// "block tomorrow 9 to 5 for offsite", "hold friday from 10 to 2" failed with "no tool here can block that": time
    /// kept free is an event, its hours read after the day they fall on, called "Busy" when the prompt names nothing.
    @Test func blocked_or_held_time_is_an_event() async throws {
        let offsite = try await Self.plan("block tomorrow 9 to 5 for offsite")
        #expect(offsite.steps.map(\.capability) == ["create_event"])
        #expect(offsite.steps.first?.input["start"] == Self.start("2026-12-08T09:00:00Z"))
        #expect(offsite.steps.first?.input["end"] == Self.start("2026-12-08T17:00:00Z"))
        let held = try await Self.plan("hold friday from 10 to 2")
        #expect(held.steps.first?.input["start"] == Self.start("2026-12-11T10:00:00Z"))
        #expect(held.steps.first?.input["end"] == Self.start("2026-12-11T14:00:00Z"))
        #expect(held.steps.first?.input["summary"] == .literal(.string("Busy")))
        let review = try await Self.plan("Hold Friday 10-12 for the design review")
        #expect(review.steps.first?.input["end"] == Self.start("2026-12-11T12:00:00Z"))
        // Holding anything else is still no action a tool takes.
        #expect(await EmbeddedPlanning.failure("hold the Globex refund")?.contains("no tool here can hold") == true)
    }

    /// "Mrs. Dubois asked me to block time before the board meeting. Put '…' on her calendar Thursday 9:00 to 10:30."
    /// asked for a start: the reported request, without a time, was planned and its restatement dropped.
    @Test func a_restated_request_with_its_details_is_the_request() async throws {
        let prep = try await Self.plan(
            "Mrs. Dubois asked me to block time before the board meeting. Put 'Board prep - Q1 plan' on her calendar Thursday 9:00 to 10:30."
        )
        #expect(prep.steps.map(\.capability) == ["create_event"])
        #expect(prep.steps.first?.input["summary"] == .literal(.string("Board prep - Q1 plan")))
        #expect(prep.steps.first?.input["start"] == Self.start("2026-12-10T09:00:00Z"))
        #expect(prep.steps.first?.input["end"] == Self.start("2026-12-10T10:30:00Z"))
    }

    /// "Customer lena@… says she was charged twice. Can you pull up her invoices?" asked for an email's subject and
    /// body: the address is whom the context is about, and "her" records are that customer's.
    @Test func an_address_in_a_context_sentence_is_whom_it_is_about() async throws {
        let invoices = try await Self.plan(
            "Customer lena.weiss@kaffeehaus.example says she was charged twice. Can you pull up her invoices?")
        #expect(invoices.steps.map(\.capability) == ["list_customers", "list_invoices"])
        #expect(invoices.steps.first?.input["email"] == .literal(.string("lena.weiss@kaffeehaus.example")))
        #expect(invoices.steps.last?.input["customer"] == .reference(step: 0, path: "0.id"))
        let his = try await Self.plan("Our client ben@acme.example complained about a double charge. Show me his invoices.")
        #expect(his.steps.map(\.capability) == ["list_customers", "list_invoices"])
        let mail = try await Self.plan(
            "Customer lena.weiss@kaffeehaus.example wrote that she never got a reply. Find her emails.")
        #expect(mail.steps.map(\.capability) == ["search_messages", "read_message"])
        #expect(mail.steps.first?.input["q"] == .literal(.string("from:lena.weiss@kaffeehaus.example")))
    }

    /// "A customer forwarded me a complaint, the message id is 18c2…. Open it and give me the gist" failed ("no tool here
    /// can a that"), as did "read message 18c2…": a Gmail id names an email, and "it" is that message.
    @Test func a_gmail_id_names_an_email() async throws {
        for prompt in [
            "read message 18c2f9a0b7d4e1f2",
            "show me the message 18c2f9a0b7d4e1f2",
            "A customer forwarded me a complaint, the message id is 18c2f9a0b7d4e1f2. Open it and give me the gist",
        ] {
            let read = try await Self.plan(prompt)
            #expect(read.steps.map(\.capability) == ["read_message"], "\(prompt)")
            #expect(read.steps.first?.input["id"] == .literal(.string("18c2f9a0b7d4e1f2")), "\(prompt)")
        }
    }

    /// Non-native wording: "actualise" is update, "I would like to …" asks for what follows, "make me please a list of …"
    /// reads (it was a deal to create), and "actually" after a place is "now" (the sandbox geocoded "Sevilla actually").
    @Test func non_native_wording_is_read_as_meant() async throws {
        let phone = try await Self.plan(
            "I would like to actualise the phone of the contact Zoë Lefèvre, the new number is +33 6 12 34 56 78")
        #expect(phone.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(phone.steps.last?.input["properties"] == .literal(.object(["phone": .string("+33 6 12 34 56 78")])))
        let deals = try await Self.plan(
            "Make me please a list of all deals which are in the stage appointment scheduled, with name and amount")
        #expect(deals.steps.first?.tool == "crm")
        #expect(!deals.steps.contains { $0.capability.hasPrefix("create") })
        let customers = try await Self.plan("Make me a list of our customers with their emails")
        #expect(customers.steps.map(\.capability) == ["list_customers"])
        let berg = try await Self.plan("I want to modify the phone of contact Jonas Berg, new number +46 70 123 45 67")
        #expect(berg.steps.last?.input["properties"] == .literal(.object(["phone": .string("+46 70 123 45 67")])))
        let sevilla = try await Self.plan("Which is the temperature in Sevilla actually? And the humidity.")
        #expect(sevilla.steps.first?.input["name"] == .literal(.string("Sevilla")))
        // "I'd like to know …" still reads.
        #expect(try await Self.plan("I'd like to know the current temperature in Cape Town").steps.last?.capability == "current")
    }

    /// "Pipeline review at 4. Give me all deals closing this month with amount and stage." read every deal with a field
    /// "deals closing this month with amount": "4." ended a sentence (not a list's number), and records asked for after
    /// a read are a read, not its fields.
    @Test func a_time_ending_a_sentence_ends_it() async throws {
        let review = try await Self.plan("Pipeline review at 4. Give me all deals closing this month with amount and stage.")
        #expect(review.steps.map(\.capability) == ["list_deals"])
        #expect(review.steps.first?.keep?.first?.path == "properties.closedate")
        #expect(review.resultFields == ["amount", "stage"])
    }

    /// "Just got off a call with Mateo García from Soluciones Pérez-Ruiz, he wants a quote. Add him to the CRM: mateo@…"
    /// made a contact of the address alone: "him" is the person the context names, with their company.
    @Test func the_person_a_context_names_is_the_one_added() async throws {
        let added = try await Self.plan(
            "Just got off a call with Mateo García from Soluciones Pérez-Ruiz, he wants a quote. Add him to the CRM: mateo.garcia@perezruiz.example"
        )
        #expect(added.steps.map(\.capability) == ["create_contact"])
        #expect(
            added.steps.first?.input["properties"]
                == .literal(
                    .object([
                        "email": .string("mateo.garcia@perezruiz.example"), "firstname": .string("Mateo"), "lastname": .string("García"),
                        "company": .string("Soluciones Pérez-Ruiz"),
                    ])))
        #expect(added.resultFields.isEmpty)
        let of = try await Self.plan("Add Mateo García of Soluciones Pérez-Ruiz as a contact, mateo.garcia@perezruiz.example")
        guard case .literal(let properties)? = of.steps.first?.input["properties"] else {
            Issue.record("no properties: \(of.steps)")
            return
        }
        #expect(properties.value(at: "company") == .string("Soluciones Pérez-Ruiz"))
    }

    /// "Compare the temperature in Oslo and Madrid" was refused ("no tool here can compare that"); "How much did Kowalski
    /// & Partners pay us in total this year?" read their subscriptions, and "the invoices of Kowalski & Partners" failed
    /// on a verb "Partners". Each reading is shown side by side; what was paid is the paid invoices of the period.
    @Test func comparisons_and_amounts_paid_are_read() async throws {
        let compared = try await Self.plan("Compare the temperature in Oslo and Madrid right now")
        #expect(compared.steps.map(\.capability) == ["geocode", "current", "geocode", "current"])
        #expect(compared.resultFields == ["temperature"])
        let paid = try await Self.plan("How much did Kowalski & Partners pay us in total this year?")
        #expect(paid.steps.map(\.capability) == ["list_customers", "list_invoices"])
        #expect(paid.steps.first?.keep?.first?.value == .string("Kowalski & Partners"))
        #expect(paid.steps.last?.input["status"] == .literal(.string("paid")))
        #expect(paid.steps.last?.keep?.first?.value == .string("2026-01-01T00:00:00Z"))
        #expect(paid.aggregate == ResultAggregate(op: .sum, field: "amount_paid"))
        let listed = try await Self.plan("show the invoices of Kowalski & Partners this year")
        #expect(listed.steps.map(\.capability) == ["list_customers", "list_invoices"])
        let globex = try await Self.plan("how much has Globex paid us this year?")
        #expect(globex.steps.first?.keep?.first?.value == .string("Globex"))
        #expect(globex.aggregate == ResultAggregate(op: .sum, field: "amount_paid"))
        // "How much does Globex pay per year" is still their plan's price.
        #expect(try await Self.plan("how much does Globex pay per year?").steps.last?.capability == "list_subscriptions")
    }

    /// Run time, h27-48: "next Friday" said on a Thursday booked the next morning. It stays the coming Friday (the set's
    /// writers read it so, docs/workflows.md); "Friday next week" and "on Friday of next week", which also booked the next
    /// morning, are the Friday of the week starting the coming Monday.
    @Test func friday_next_week_is_in_the_coming_week() async throws {
        let thursday = Date(timeIntervalSince1970: 1_796_310_000)  // 2026-12-03 15:00 UTC, a Thursday
        let start = { (prompt: String, now: Date) async throws -> JSONInput? in
            try await EmbeddedPlanning.workflow(prompt, now: now).steps.first?.input["start"]
        }
        #expect(
            try await start("schedule a call with dana@acme.example Friday next week at noon", thursday)
                == Self.start("2026-12-11T12:00:00Z"))
        #expect(
            try await start("schedule a call with dana@acme.example on Friday of next week at noon", Self.now)
                == Self.start("2026-12-18T12:00:00Z"))
        #expect(
            try await start("schedule a call with dana@acme.example next week on Monday at noon", thursday)
                == Self.start("2026-12-07T12:00:00Z"))
        #expect(
            try await start("schedule a call with dana@acme.example next Friday at noon", thursday) == Self.start("2026-12-04T12:00:00Z"))
    }
}
