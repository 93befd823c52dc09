import Foundation
import PlotonCore
import Testing

/// Records composed into a message read as people write them: money with its currency, dates as
/// dates, an event's start and end; and a message made only of an empty look-up is held back.
@Suite struct RecordSummaryTests {
    func record(_ json: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)) }

    @Test func a_payment_records_cents_and_unix_seconds_read_as_money_and_dates() throws {
        let invoice = try record(
            #"{"number": "INV-1042", "customer_name": "Ben Carter", "amount_due": 1250, "amount_paid": 0, "currency": "usd", "status": "open", "due_date": 1796083200}"#
        )
        let line = RecordSummary.text(.array([invoice]))
        #expect(
            line
                == "- number: INV-1042, customer: Ben Carter, amount due: $12.50, paid: $0.00, status: open, due: 2026-12-01",
            "\(line)")
        let subscription = try record(
            #"{"status": "active", "currency": "eur", "current_period_end": 1796083200, "plan": {"nickname": "Team", "amount": 4900}}"#)
        let text = RecordSummary.text(subscription)
        #expect(text.contains("amount: €49.00") && text.contains("renews: 2026-12-01") && !text.contains("currency"), "\(text)")
        #expect(RecordSummary.text(try record(#"{"number": "A-1", "amount_due": 1500, "currency": "jpy"}"#)).contains("¥1500"))
    }

    @Test func a_deal_amount_without_a_currency_stays_as_written() throws {
        let deal = try record(#"{"properties": {"dealname": "Acme - Pilot", "amount": "5000", "dealstage": "closedwon"}}"#)
        #expect(RecordSummary.text(deal) == "Acme - Pilot, amount: 5000, stage: closed won")
        // A person's words, not HubSpot's keys and midnight timestamps (blind round h12 R1).
        let closing = try record(
            #"{"properties": {"dealname": "Acme - Renewal", "dealstage": "contractsent", "closedate": "2026-12-30T00:00:00Z"}}"#)
        #expect(RecordSummary.text(closing) == "Acme - Renewal, stage: contract sent, closes: 2026-12-30")
    }

    /// "get the contact details for Noah Dubois and email them": the body read "- Noah, Dubois, email: …, company: …"
    /// (the name split by a comma, the phone left out); "email its details" for a file gave its name and date only.
    @Test func a_contact_reads_as_its_full_name_and_details_and_a_file_as_its_details() throws {
        let contact = try record(
            #"{"id": "1001", "properties": {"firstname": "Noah", "lastname": "Dubois", "email": "noah@dubois.example", "phone": "+1 415 555 0113", "company": "Acme Corp"}}"#
        )
        #expect(
            RecordSummary.text(.array([contact]))
                == "- Noah Dubois, email: noah@dubois.example, phone: +1 415 555 0113, company: Acme Corp")
        let file = try record(
            #"{"id": "f1", "name": "Q3 report.pdf", "mimeType": "application/pdf", "size": "48213", "modifiedTime": "2026-12-01T09:00:00Z", "webViewLink": "https://drive.example/f1"}"#
        )
        #expect(
            RecordSummary.text(file)
                == "Q3 report.pdf, type: application/pdf, size: 48213, modified: 2026-12-01T09:00:00Z, link: https://drive.example/f1")
    }

    @Test func an_event_shows_its_start_and_its_end() throws {
        let event = try record(
            #"{"summary": "Roadmap sync", "start": {"dateTime": "2026-12-03T15:00:00Z"}, "end": {"dateTime": "2026-12-03T16:00:00Z"}}"#)
        #expect(RecordSummary.text(event) == "Roadmap sync, start: 2026-12-03T15:00:00Z, end: 2026-12-03T16:00:00Z")
    }

    @Test func a_message_made_only_of_an_empty_look_up_names_it_and_a_count_does_not() throws {
        let outputs: [Int: JSONValue] = [0: .array([]), 1: .array([.object(["name": .string("Ann")])])]
        #expect(StepReferences.missingRecord(in: "{{0|summary}}", outputs: outputs)! == (0, ""))
        #expect(
            StepReferences.missingRecord(in: "{{#base64url}}To: a@b.example\r\n\r\n{{0|summary}}{{/base64url}}", outputs: outputs)! == (
                0, ""
            ))
        #expect(StepReferences.missingRecord(in: "{{0|summary}} {{1|summary}}", outputs: outputs) == nil)
        #expect(StepReferences.missingRecord(in: "{{0|count}} open deals: {{0|summary}}", outputs: outputs) == nil)
        let failure = StepReferences.missing(
            parameter: "text", path: "", sourceIndex: 0,
            source: PlannedStep(tool: "email", capability: "search_messages", input: ["q": .literal(.string("from:x@y.example"))]),
            output: .array([]))
        #expect(failure.code == "not_found")
        #expect(
            failure.message.hasPrefix(#"The look-up for "from:x@y.example" (step 0, email.search_messages) found no messages"#),
            "\(failure.message)")
        // A search's words are what it matched, not a name, and the next step's wire parameter is not named.
        let searched = StepReferences.missing(
            parameter: "id", path: "0.id", sourceIndex: 0,
            source: PlannedStep(tool: "email", capability: "search_messages", input: ["q": .literal(.string("from:dana@acme.example"))]),
            output: .array([]))
        #expect(
            searched.message
                == #"No message matching "from:dana@acme.example" was found (step 0, email.search_messages), so nothing after it ran."#)
        #expect(searched.suggestion?.contains("search words") == true)
    }
}
