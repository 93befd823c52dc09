import Foundation
import PlotonCore
import Testing

/// Blind round h26 (session 15): the classes of its dates, records, files and refusals.
@Suite struct PlannerH26ClassesTests {
    static let now = Date(timeIntervalSince1970: 1_796_639_400)  // 2026-12-07 10:30 UTC, a Monday

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    /// "Open the email with id 18c2f9a7b3": that message; the newest one a search found was read instead.
    @Test func a_message_id_the_prompt_labels_is_read() async throws {
        let opened = try await Self.plan("Open the email with id 18c2f9a7b3 and show me what it says")
        #expect(opened.steps.map(\.capability) == ["read_message"])
        #expect(opened.steps.first?.input["id"] == .literal(.string("18c2f9a7b3")))
    }

    /// "closing at the end of the month": the month's last day; the deal was made without a close date.
    @Test func the_end_of_a_period_is_a_close_date() async throws {
        let cases = [
            "Create a deal called \"Globex - Onboarding\" worth $12,000 closing at the end of the month.": "2026-12-31",
            "new deal Acme renewal 12k closes end of month": "2026-12-31",
            "Create a deal Initech Q1 worth 5k closing by the end of next quarter": "2027-03-31",
            "Create a deal Hooli FY worth 5k closing at the end of the year": "2026-12-31",
        ]
        for (prompt, day) in cases {
            let deal = try await Self.plan(prompt)
            guard case .literal(.object(let properties))? = deal.steps.first?.input["properties"] else {
                Issue.record("no properties for \(prompt)")
                continue
            }
            #expect(properties["closedate"] == .string(day), "\(prompt)")
        }
    }

    /// "Create a contact for Léa Dubois (lea@…, company …) and a deal "…" for 5,000": two records, each made; as one
    /// part it failed ("no part of the plan uses lea@…"), and "for 5,000" is the deal's amount.
    @Test func a_second_record_named_after_a_create_is_made_too() async throws {
        let made = try await Self.plan(
            #"Create a contact for Léa Dubois (lea@dubois.example, company Dubois & Fils) and a deal "Dubois & Fils - Starter" for 5,000"#)
        #expect(made.steps.map(\.capability) == ["create_contact", "create_deal"])
        #expect(
            made.steps.last?.input["properties"]
                == .literal(.object(["dealname": .string("Dubois & Fils - Starter"), "amount": .string("5000")])))
        let reversed = try await Self.plan("Create a deal Hooli - Support for 8k and a contact Mia Wong mia@hooli.example")
        #expect(reversed.steps.map(\.capability) == ["create_deal", "create_contact"])
        // Inside a quoted name it is the name.
        let quoted = try await Self.plan("create a deal 'Coffee and a contact lens' for 5k")
        #expect(quoted.steps.map(\.capability) == ["create_deal"])
        // A number of things counted, or a year, is no amount.
        for prompt in ["create a deal Starter for 500 seats", "create a deal Renewal for 2027"] {
            guard case .literal(.object(let properties))? = try await Self.plan(prompt).steps.first?.input["properties"] else { continue }
            #expect(properties["amount"] == nil, "\(prompt)")
        }
    }

    /// "Find Q3 board report.pdf in Drive": the whole name (it was searched as "report.pdf").
    @Test func a_file_name_runs_back_to_its_capitalised_word() async throws {
        let found = try await Self.plan("Find Q3 board report.pdf in Drive, get its details and send them to cfo@ourco.example")
        #expect(found.steps.first?.input["q"] == .literal(.string("name contains 'Q3 board report.pdf'")))
        let customers = try await Self.plan("Find Customer list.csv in drive")
        #expect(customers.steps.first?.input["q"] == .literal(.string("name contains 'Customer list.csv'")))
    }

    /// "wheres the budget spreadsheet in drive??": a question, not the verb "wheres".
    @Test func question_words_without_their_apostrophe_ask() async throws {
        let found = try await Self.plan("wheres the budget spreadsheet in drive??")
        #expect(found.steps.map(\.capability) == ["list_files"])
    }

    /// "search … and forward the newest one to ap@…": the message read is forwarded (session 16; it was refused, and
    /// before that a new message with the read's summary went); what another tool read is sent.
    @Test func forwarding_an_email_read_forwards_that_message() async throws {
        for prompt in [
            "search my email for invoices from acme and forward the newest one to ap@ourco.example",
            "read the latest email from bob@x.example and forward it to ana@y.example",
            "fwd the latest email from bob@x.example to ana@y.example",
        ] {
            let forwarded = try await Self.plan(prompt)
            #expect(forwarded.steps.map(\.capability) == ["search_messages", "read_message", "send_message"], "\(prompt)")
        }
        let invoice = try await Self.plan("find the latest invoice and forward it to ana@y.example")
        #expect(invoice.steps.map(\.capability) == ["latest_invoice", "send_message"])
    }

    /// "… Please change her last name to Ruiz-Park.", "change Ana Ruiz's last name …": a name is a contact's field too
    /// (no tool could "change that", or the id was asked for).
    @Test func a_contacts_name_is_one_of_its_fields() async throws {
        for (prompt, query) in [
            "Ana Ruiz got married last week. Please change her last name to Ruiz-Park.": "Ana Ruiz",
            "change Ana Ruiz's last name to Ruiz-Park": "Ana Ruiz",
            "update the last name of ana@ruiz.example to Ruiz-Park": "ana@ruiz.example",
        ] {
            let update = try await Self.plan(prompt)
            #expect(update.steps.map(\.capability) == ["search_contacts", "update_contact"], "\(prompt)")
            #expect(update.steps.first?.input["query"] == .literal(.string(query)), "\(prompt)")
            #expect(update.steps.last?.input["properties"] == .literal(.object(["lastname": .string("Ruiz-Park")])), "\(prompt)")
        }
    }

    /// "Is ava@…'s latest invoice paid?", "Is it raining in Dublin right now?": a yes-or-no is answered by the field
    /// that holds it (the whole record came back); "which invoices are still unpaid" asks which, not whether.
    @Test func a_yes_or_no_question_asks_for_the_field_that_answers_it() async throws {
        #expect(try await Self.plan("Is ava.garcia@example.com's latest invoice paid?").resultFields == ["status"])
        #expect(try await Self.plan("Is it raining in Dublin right now?").resultFields == ["conditions"])
        #expect(try await Self.plan("Is it windy in Chicago?").resultFields == ["wind_speed"])
        #expect(
            try await Self.plan("which invoices are still unpaid? i need the number and the amount due").resultFields == [
                "number", "amount due",
            ])
    }

    /// "Where does Grace Müller work?", "who does Grace Müller work for": her contact's company (nothing named a tool).
    @Test func where_someone_works_is_their_contacts_company() async throws {
        for prompt in ["Where does Grace Müller work?", "who does Grace Müller work for"] {
            let found = try await Self.plan(prompt)
            #expect(found.steps.map(\.capability) == ["search_contacts"], "\(prompt)")
            #expect(found.steps.first?.input["query"] == .literal(.string("Grace Müller")))
            #expect(found.resultFields == ["company"], "\(prompt)")
        }
        // Nobody named, nobody looked up.
        #expect(await EmbeddedPlanning.failure("where does she work") != nil)
    }

    /// "… and when did they sign up?": the verb as the field names it ("signed up"); "who wrote the last message":
    /// the verb of a "who" question is no field (it asked for the text too).
    @Test func the_verb_of_a_question_names_its_field() async throws {
        let customer = try await Self.plan("Who is the customer with email emma.silva@example.com and when did they sign up?")
        #expect(customer.resultFields == ["who", "signed up"])
        #expect(try await Self.plan("who wrote the last message in #sales").resultFields == ["who"])
        #expect(try await Self.plan("who posted what in #general today").resultFields == ["who", "text"])
    }
}
