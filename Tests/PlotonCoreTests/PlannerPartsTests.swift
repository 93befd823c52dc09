import Foundation
import PlotonCore
import Testing

/// The embedded planner's pieces on their own: clauses, values from the prompt, composed text and
/// field shaping through declared result fields.
@Suite struct PlannerPartsTests {
    let now = Date(timeIntervalSince1970: 1_779_962_400)  // Thursday 2026-05-28 10:00 UTC

    @Test func a_prompt_is_cut_into_the_parts_it_asks_for() {
        let clauses = PromptClauses.split(#"Get the open deals, save them as deals.csv, and email "Done" to ann@acme.example. Thanks!"#)
        #expect(clauses.map(\.kind) == [.read, .upload, .deliver, .read])
        #expect(PromptClauses.split("Return deal name, amount, and email").count == 1, "a field list is not cut")
        #expect(PromptClauses.split("Shoot an email to ben@initech.example saying hi").first?.kind == .deliver)
        #expect(PromptClauses.split("Cancel my 3pm meeting").first?.kind == .unsupported)
        #expect(PromptClauses.split("Let me know the weather in Paris").first?.kind == .read, "the caller asks for the answer")
        #expect(PromptClauses.split("Reply to Ann's last email saying thanks").first?.kind == .unsupported)
        #expect(PromptClauses.split("Reply to billing@globex.example saying we'll pay by Friday").first?.kind == .deliver)
        #expect(PromptClauses.split("Can you check the temperature in Tokyo and tell me the humidity").map(\.kind) == [.read, .read])
    }

    @Test func amounts_days_and_time_ranges_are_read_as_people_write_them() {
        #expect(PromptText.amounts(in: "refund 30 dollars to pi_1") == [30])
        #expect(PromptText.amounts(in: "Refund €15 of payment pi_1") == [15])
        #expect(PromptText.amounts(in: "new deal: Initech Pilot, 12k") == [12_000])
        #expect(PromptText.amounts(in: "to $1,200.50.") == [1_200.5])
        #expect(PromptText.amounts(in: "worth five thousand dollars") == [5_000])
        #expect(PromptText.amounts(in: "two hundred and fifty euros, a refund") == [250])
        #expect(PromptText.day(in: "on the twenty-first of june", now: now).map(ISO8601DateFormatter().string) == "2026-06-21T00:00:00Z")
        #expect(PromptText.amounts(in: "contact 1012 on 2026-06-01").isEmpty)
        let iso = ISO8601DateFormatter()
        #expect(PromptText.startTime(in: "on March 20 at 9:15am", now: now).map(iso.string) == "2027-03-20T09:15:00Z", "the coming one")
        #expect(PromptText.startTime(in: "the 3rd of June at 10am", now: now).map(iso.string) == "2026-06-03T10:00:00Z")
        #expect(PromptText.timeRange(in: "next Monday 2pm-4pm").map { [$0.start.hour, $0.end.hour] } == [14, 16])
        #expect(PromptText.timeRange(in: "from 15:00 to 16:30").map { [$0.start.hour, $0.end.hour, $0.end.minute] } == [15, 16, 30])
        #expect(PromptText.timeRange(in: "2-4pm").map { [$0.start.hour, $0.end.hour] } == [14, 16])
        #expect(PromptText.timeOfDay(in: "a 1:1 with Maya") == nil)
        #expect(PromptText.fileName(in: #"save a doc called "Launch checklist.md" in Drive"#) == "Launch checklist.md")
        #expect(PromptText.fileName(in: "the file named Meeting notes.txt") == "Meeting notes.txt")
    }

    @Test func action_coverage_names_each_action_part_no_step_did() {
        let read = PlannedStep(tool: "crm", capability: "list_deals", input: [:])
        let send = PlannedStep(tool: "email", capability: "send_message", input: [:])
        let prompt = "Get the open deals and email them to ann@acme.example"
        #expect(ActionCoverage.check(prompt: prompt, steps: [read], catalog: .builtIn).missing == ["email them to ann@acme.example"])
        let covered = ActionCoverage.check(prompt: prompt, steps: [read, send], catalog: .builtIn)
        #expect(covered.missing.isEmpty && covered.covered == ["email them to ann@acme.example → step 1 email.send_message"])
        #expect(ActionCoverage.check(prompt: "Let me know the weather in Paris", steps: [], catalog: .builtIn).missing.isEmpty)
        let two = "Post 'Done' to #eng and email ann@acme.example 'Done'"
        #expect(
            ActionCoverage.check(prompt: two, steps: [send], catalog: .builtIn).missing == ["Post 'Done' to #eng"],
            "one step does one action")
        let calculator = ToolCatalog(tools: [
            ToolDescriptor(
                name: "notes", description: "Notes", categories: [],
                capabilities: [
                    CapabilityDescriptor(name: "add", description: "Adds two numbers"), CapabilityDescriptor(name: "list", description: ""),
                ])
        ])
        let add = PlannedStep(tool: "notes", capability: "add", input: [:])
        #expect(ActionCoverage.check(prompt: "With notes, add 1234 and 4321", steps: [add], catalog: calculator).missing.isEmpty)
        #expect(
            ActionCoverage.check(
                prompt: "With notes, add 1234 and 4321", steps: [PlannedStep(tool: "notes", capability: "list", input: [:])],
                catalog: calculator
            ).missing
                == ["add 1234 and 4321"], "a read-only step that the verb does not name does not do the action")
    }

    @Test func typos_in_service_words_are_read_as_the_word_and_real_words_are_not() {
        #expect(PromptSpelling.corrected("wats the wether in amsterdam rn") == "what's the weather in amsterdam now")
        #expect(PromptSpelling.corrected("my calandar tomorrow") == "my calendar tomorrow")
        #expect(PromptSpelling.corrected("the contract was canceled, moved and ready") == "the contract was canceled, moved and ready")
        #expect(PromptSpelling.corrected("a preview of 'Wether report'") == "a preview of 'Wether report'")
        // Two letters swapped, even in a five-letter word, and one letter left out of a longer one.
        #expect(PromptSpelling.corrected("serach my gmial") == "search my gmail")
        #expect(PromptSpelling.corrected("shedule a call in the marketing chanel") == "schedule a call in the marketing channel")
        #expect(PromptSpelling.corrected("three deals and their owner") == "three deals and their owner")
        // Vowels left out: the one action, read or message word with those consonants; other short words stay.
        #expect(PromptSpelling.corrected("pls pst in #support tht it's fixed") == "please post in #support that it's fixed")
        #expect(PromptSpelling.corrected("snd the crm pdf") == "send the crm pdf")
    }

    @Test func a_subject_stated_in_a_sentence_of_its_own_and_a_found_name_in_parts() {
        #expect(
            PromptText.statedSubject(in: "Email ann@acme.example that it's late. Subject can be Contract draft. Thanks!")
                == "Contract draft")
        #expect(PromptText.statedSubject(in: "subject line: Q3 v2.1 numbers") == "Q3 v2.1 numbers")
        #expect(PromptText.labelled("subject", in: "subject: Offsite dates; body: see you") == "Offsite dates")
        let outputs: [Int: JSONValue] = [0: .object(["name": .string("Diego Rossi Jr")])]
        #expect(TextTemplate.render("{{0.name|first}}/{{0.name|rest}}", outputs: outputs) == "Diego/Rossi Jr")
    }

    /// An amount relayed from a payment record is money in the record's currency, not its minor units ("1900").
    @Test func an_amount_renders_as_money_in_its_records_currency() {
        let outputs: [Int: JSONValue] = [
            0: .object(["amount_due": .number(1900), "currency": .string("eur")]),
            1: .array([.object(["amount": .number(1500), "currency": .string("jpy")])]),
            2: .object(["amount_due": .number(4250)]),
        ]
        let text = "{{0.amount_due|amount}} {{1.0.amount|amount}} {{2.amount_due|amount}} {{2.missing|amount}}"
        #expect(ComposedText.render(text, outputs: outputs) == "€19.00 ¥1500 $42.50 —")
    }

    /// A message's sender added as a contact: its From header's address and the display name's parts.
    @Test func a_mailbox_renders_as_its_address_and_its_name_in_parts() {
        let senders: [(String, String, String, String)] = [
            ("Ana Ruiz <ana@acme.example>", "ana@acme.example", "Ana", "Ruiz"),
            ("\"Lena van der Berg\" <lena@x.example>", "lena@x.example", "Lena", "van der Berg"),
            ("mo.salah@club.example", "mo.salah@club.example", "Mo", "Salah"),
        ]
        for (from, address, first, rest) in senders {
            let outputs: [Int: JSONValue] = [0: .object(["from": .string(from)])]
            #expect(
                TextTemplate.render("{{0.from|address}}|{{0.from|first}}|{{0.from|rest}}", outputs: outputs)
                    == "\(address)|\(first)|\(rest)")
        }
    }

    @Test func times_days_and_durations_are_read_in_utc() {
        let iso = ISO8601DateFormatter()
        #expect(PromptText.startTime(in: "tomorrow at 3pm", now: now).map(iso.string) == "2026-05-29T15:00:00Z")
        #expect(PromptText.startTime(in: "next Monday at 10am", now: now).map(iso.string) == "2026-06-01T10:00:00Z")
        #expect(PromptText.startTime(in: "on 2026-06-12 at 9:30", now: now).map(iso.string) == "2026-06-12T09:30:00Z")
        #expect(PromptText.startTime(in: "tomorrow at noon", now: now).map(iso.string) == "2026-05-29T12:00:00Z")
        #expect(PromptText.duration(in: "for an hour") == 3_600)
        #expect(PromptText.duration(in: "a 45-minute call") == 2_700)
        #expect(PromptText.duration(in: "for 2 hours") == 7_200)
        #expect(PromptText.quotedTexts(in: #"Post 'it's fine' and "Deploy done", it's late"#) == ["it's fine", "Deploy done"])
        #expect(PromptText.fileName(in: "save them as open-deals.txt.") == "open-deals.txt")
    }

    @Test func an_email_is_composed_from_to_subject_and_body() throws {
        let message = EmailMessage(to: "ann@acme.example", subject: "Lunch", body: "See you at noon")
        let decoded = try #require(Data(base64Encoded: Self.base64(message.raw)).map { String(decoding: $0, as: UTF8.self) })
        #expect(decoded.hasPrefix("To: ann@acme.example\r\nSubject: Lunch\r\n"))
        #expect(decoded.hasSuffix("\r\n\r\nSee you at noon"))
        #expect(!message.raw.contains("+") && !message.raw.contains("/") && !message.raw.contains("="))
    }

    @Test func composed_text_summarises_records_and_encodes_a_section() throws {
        let deals = JSONValue.array([
            .object(["id": .string("1"), "properties": .object(["dealname": .string("Acme - Pilot"), "amount": .string("5000")])]),
            .object(["id": .string("2"), "properties": .object(["dealname": .string("Hooli - Renewal"), "amount": .string("900")])]),
        ])
        #expect(
            ComposedText.render("Deals:\n{{0|summary}}", outputs: [0: deals])
                == "Deals:\n- Acme - Pilot, amount: 5000\n- Hooli - Renewal, amount: 900")
        #expect(ComposedText.render("{{0|summary}}", outputs: [0: .array([])]) == "(none)")
        let encoded = ComposedText.render("{{#base64url}}To: a@b.example\r\n\r\n{{0.0.id}}{{/base64url}}", outputs: [0: deals])
        let decoded = try #require(Data(base64Encoded: Self.base64(encoded)).map { String(decoding: $0, as: UTF8.self) })
        #expect(decoded == "To: a@b.example\r\n\r\n1")
    }

    @Test func requested_fields_reach_the_data_through_declared_fields_and_unmatched_ones_are_reported() {
        let declared = [
            ResultField(name: "name", paths: ["properties.firstname", "properties.lastname"], synonyms: ["full name"]),
            ResultField(name: "phone", paths: ["properties.phone"], synonyms: ["phone number"]),
        ]
        let record = JSONValue.object([
            "properties": .object(["firstname": .string("Ava"), "lastname": .string("Garcia"), "phone": .string("555")])
        ])
        #expect(
            ResultShaper.shape(.array([record]), fields: ["names", "phone numbers"], declared: declared)
                == .array([.object(["names": .string("Ava Garcia"), "phone_numbers": .string("555")])]))
        #expect(
            ResultShaper.shape(record, fields: ["name", "shoe size"], declared: declared)
                == .object(["name": .string("Ava Garcia"), "unmatched_fields": .array([.string("shoe_size")])]))
        #expect(
            ResultShaper.shape(.array([record]), fields: ["name", "shoe size"], declared: declared)
                == .array([.object(["name": .string("Ava Garcia")])]), "no column of nulls")
        // None of the fields is there (a misread list, "humidity in Cartagena"): the data, not empty objects.
        #expect(ResultShaper.shape(.array([record]), fields: ["shoe size"], declared: declared) == .array([record]))
        #expect(
            ResultShaper.shape(record, fields: ["shoe size"], declared: declared)
                == .object(["properties": record.objectValue!["properties"]!, "unmatched_fields": .array([.string("shoe_size")])]))
    }

    @Test func a_custom_definition_declares_result_fields_and_bad_ones_are_named() throws {
        func definition(_ fields: String) -> JSONValue {
            JSONValue.parse(
                #"{"name":"people","base_url":"https://people.example.com","capabilities":[{"name":"list_people","path":"/people","fields":"#
                    + fields + "}]}")!
        }
        let valid = try ToolDefinitionValidator.decode(
            definition(#"[{"name":"phone","path":"contact.phone","synonyms":["mobile"]},{"name":"name","path":["first","last"]}]"#))
        let fields = try #require(valid.descriptor.capability("list_people")?.fields)
        #expect(fields.map(\.paths) == [["contact.phone"], ["first", "last"]])
        #expect(fields[0].answers("their mobiles") && fields[1].answers("each person's name") && !fields[0].answers("email"))
        #expect(throws: ToolDefinitionValidator.Problem.self) {
            try ToolDefinitionValidator.decode(definition(#"[{"name":"","path":"a"}]"#))
        }
        do {
            _ = try ToolDefinitionValidator.decode(definition(#"[{"name":"phone","path":[]}]"#))
            Issue.record("an empty path list is refused")
        } catch {
            #expect(error.field == "capabilities[0].fields[0].path")
        }
    }

    static func base64(_ url: String) -> String {
        let text = url.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return text.padding(toLength: (text.count + 3) / 4 * 4, withPad: "=", startingAt: 0)
    }
}
