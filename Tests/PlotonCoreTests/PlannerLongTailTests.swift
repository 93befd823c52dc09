import Foundation
import PlotonCore
import Testing

/// Classes of phrasing from the long tail (eval round h13): misspelt verbs, per-record values with
/// the record's name, a channel saved to Drive, a subject closed by a colon, records saved as CSV.
@Suite struct PlannerLongTailTests {
    @Test func verbs_with_misplaced_vowels_or_without_their_final_e_are_read() async throws {
        let scheduled = try await EmbeddedPlanning.workflow("schedual a budget sync on Friday at 11am")
        #expect(scheduled.steps.first?.input["summary"] == .literal(.string("Budget sync")))
        let created = try await EmbeddedPlanning.workflow("creat a meeting called Launch prep tomorrow at 9am")
        #expect(created.steps.first?.input["summary"] == .literal(.string("Launch prep")))
        #expect(try await EmbeddedPlanning.workflow("create a contact for ann@acme.example").steps.map(\.capability) == ["create_contact"])
    }

    @Test func a_value_asked_for_each_record_comes_with_the_record_name() async throws {
        let each = try await EmbeddedPlanning.workflow("list the slack channels with how many members in each")
        #expect(each.resultFields.first == "name")
        let perChannel = try await EmbeddedPlanning.workflow("for each channel, how many members does it have?")
        #expect(perChannel.steps.map(\.capability) == ["list_channels"])
        #expect(perChannel.resultFields.first == "name")
        let listed = try await EmbeddedPlanning.workflow("List every contact from Globex with their phone numbers")
        #expect(!listed.resultFields.contains("name"), "a field list without 'each' is as asked")
    }

    @Test func a_channel_saved_to_drive_is_its_messages() async throws {
        for prompt in ["export #general to Google Drive as general.txt", "save the history of #general to Drive as general.txt"] {
            let saved = try await EmbeddedPlanning.workflow(prompt)
            #expect(saved.steps.map(\.capability) == ["find_channel", "list_messages", "upload_file"], "\(prompt)")
            #expect(saved.steps.last?.input["content"] == .template("{{1|summary}}"))
        }
    }

    @Test func a_subject_runs_to_the_colon_that_opens_the_body() async throws {
        let sent = try await EmbeddedPlanning.workflow("email ops@ourco.example subject API outage: we are on it")
        guard case .literal(.string(let raw))? = sent.steps.last?.input["raw"], let message = Base64URLText.decoded(raw) else {
            Issue.record("expected an email"); return
        }
        #expect(message.contains("Subject: API outage\r\n"))
        #expect(message.hasSuffix("\r\n\r\nwe are on it"))
    }

    @Test func records_saved_to_a_csv_file_are_written_as_csv() async throws {
        let saved = try await EmbeddedPlanning.workflow("put all Stripe customers in customers.csv on my drive")
        #expect(saved.steps.map(\.capability) == ["list_customers", "upload_file"])
        #expect(saved.steps.last?.input["content"] == .template("{{0|csv}}"))
        let records: JSONValue = .array([
            .object(["name": .string("Ann, Jr."), "email": .string("ann@acme.example"), "created": .number(1_764_633_600)]),
            .object(["name": .string("Bo \"B\""), "email": .string("bo@globex.example")]),
        ])
        #expect(
            ComposedText.render("{{0|csv}}", outputs: [0: records])
                == "name,email,created\r\n\"Ann, Jr.\",ann@acme.example,2025-12-02\r\n\"Bo \"\"B\"\"\",bo@globex.example,\r\n")
    }

    @Test func a_date_field_named_with_date_on_the_end_is_found_and_read_as_iso() throws {
        let created = ResultField(
            name: "created", paths: ["created"], description: "When the customer was created (Unix seconds)",
            synonyms: ["customer since"])
        #expect(created.answers("customer since date"))
        #expect(!ResultField(name: "email", paths: ["email"], description: "Email address").answers("email date"))
        let shaped = ResultShaper.shape(
            .array([.object(["created": .number(1_764_633_600)])]), fields: ["customer since"], declared: [created])
        #expect(shaped == .array([.object(["customer_since": .string("2025-12-02T00:00:00Z")])]))
    }

    @Test func a_declared_field_read_from_a_tool_definition_answers_like_one_built_in_code() throws {
        let json = #"{"name": "Deal Names", "path": "properties.dealname", "description": "When it closed", "synonyms": ["worth"]}"#
        let decoded = try JSONDecoder().decode(ResultField.self, from: Data(json.utf8))
        let built = ResultField(name: "Deal Names", paths: ["properties.dealname"], description: "When it closed", synonyms: ["worth"])
        #expect(decoded == built)
        for field in [decoded, built] {
            #expect(field.answers("the deal names") && field.answers("Worth") && field.answers("dealname"))
            #expect(field.answers("deal name date"))  // a time field: "date" on the end adds nothing
            #expect(!field.answers("amount") && !field.answers(""))
        }
        let record = JSONValue.object(["properties": .object(["dealname": .string("Acme")])])
        let shaped = ResultShaper.shape(record, fields: ["worth"], declared: [decoded])
        #expect(shaped == .object(["worth": .string("Acme")]))
    }

    @Test func a_record_looked_up_by_address_is_not_called_a_name() {
        let lookup = PlannedStep(tool: "payments", capability: "list_customers", input: ["email": .literal(.string("emma@acme.example"))])
        let failure = StepReferences.missing(parameter: "customer", path: "0.id", sourceIndex: 0, source: lookup, output: .array([]))
        #expect(failure.message.hasPrefix(#"No customer with the address "emma@acme.example" was found"#), "\(failure.message)")
        #expect(failure.suggestion?.contains("customer's address") == true)
    }

    @Test func blind_round_h12_schedules_recency_subjects_and_json_field_lists() async throws {
        #expect(
            await EmbeddedPlanning.failure("Every Monday at 9am, post the open deals to #sales")?.contains("every monday") == true,
            "a schedule opening the prompt is refused, not done once")
        let latest = try await EmbeddedPlanning.workflow("Read my latest email and share it in #inbox")
        #expect(latest.steps.first?.input["q"] == .literal(.string("in:inbox")), "no search for the word 'latest'; what arrived")
        let unread = try await EmbeddedPlanning.workflow("Search my Gmail for unread messages from billing@stripe.com")
        #expect(unread.steps.first?.input["q"] == .literal(.string("is:unread from:billing@stripe.com")))
        let sent = try await EmbeddedPlanning.workflow(
            "Send an email to ann@example.com with subject Lunch tomorrow and body 'Does 12:30 work for you?'")
        guard case .literal(.string(let raw))? = sent.steps.last?.input["raw"], let message = Base64URLText.decoded(raw) else {
            Issue.record("expected an email"); return
        }
        #expect(message.contains("Subject: Lunch tomorrow\r\n"))
        let listed = try await EmbeddedPlanning.workflow(
            #"{"task": "list open invoices from Stripe", "return": ["customer", "amount due"]}"#)
        #expect(listed.resultFields == ["customer", "amount due"])
        let booked = try await EmbeddedPlanner().plan(
            PlanningRequest(
                prompt: "Book a 1:1 with marta@ourco.example tomorrow", userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn))
        guard case .needsInput(let schema, _) = booked else { Issue.record("expected a question, got \(booked)"); return }
        #expect(schema.objectValue?["properties"]?.objectValue?["start"] != nil)
        #expect(await EmbeddedPlanning.failure("Book me a flight to Paris next Tuesday") != nil)
    }
}
