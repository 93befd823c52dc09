import Foundation
import PlotonCore
import Testing

/// What a file, message or event carries (blind round h14, classes F to I): a file's text as
/// written, every missing value asked at once, a count asked in other words, no back-reference in a title.
@Suite struct PlannerContentTests {
    static func schemaKeys(_ prompt: String) async throws -> [String] {
        let result = try await EmbeddedPlanner().plan(
            PlanningRequest(prompt: prompt, userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn))
        guard case .needsInput(let schema, _) = result else {
            Issue.record("\(prompt) should ask, got \(result)")
            return []
        }
        return schema.value(at: "properties")?.objectValue?.keys.sorted() ?? []
    }

    @Test func a_files_text_keeps_its_final_punctuation() async throws {
        let upload = try await EmbeddedPlanning.workflow(
            "Upload a file named standup-notes.md with the text: Blockers – none. Shipping v2.3 today.")
        #expect(upload.steps.first?.input["content"] == .literal(.string("Blockers – none. Shipping v2.3 today.")))
        let saved = try await EmbeddedPlanning.workflow("Save a file todo.txt containing: buy milk.")
        #expect(saved.steps.first?.input["content"] == .literal(.string("buy milk.")))
    }

    @Test func a_file_with_neither_name_nor_text_asks_for_both_at_once() async throws {
        #expect(try await Self.schemaKeys("Save the notes to Drive") == ["content", "name"])
        #expect(try await Self.schemaKeys("Upload a file to Drive") == ["content", "name"])
        // Records read are the text, and name the file (session 33: it was asked for).
        let deals = try await EmbeddedPlanning.workflow("Get the open deals and save them to Drive")
        #expect(deals.steps.last?.input["name"] == .literal(.string("deals.csv")))
    }

    @Test func a_count_asked_in_other_words_delivers_the_number() async throws {
        for prompt in [
            "find unread emails from this week and post how many there are in #inbox-zero",
            "How many unread emails do I have? Post the number in #inbox", "Count the open deals and post it in #sales",
            "How many open invoices are there? Post it to #billing",
        ] {
            let text = try await EmbeddedPlanning.workflow(prompt).steps.last?.input["text"]
            guard case .template(let template)? = text else {
                Issue.record("\(prompt): \(String(describing: text))")
                continue
            }
            #expect(template.hasSuffix("|count}}"), "\(prompt): \(template)")
        }
        let listed = try await EmbeddedPlanning.workflow("Get the open deals and post them in #sales")
        #expect(listed.steps.last?.input["text"] == .template("{{0|summary}}"))
    }

    @Test func amounts_in_minor_units_come_back_as_money_with_their_currency() throws {
        let payments = try #require(ToolCatalog.builtIn.tool("payments"))
        let invoices = try #require(payments.capability("list_invoices")?.fields)
        let invoice: JSONValue = .object([
            "customer_name": .string("Ava Garcia"), "amount_due": .number(49_900), "currency": .string("usd"),
        ])
        #expect(
            ResultShaper.shape(.array([invoice]), fields: ["customer", "amount due"], declared: invoices)
                == .array([.object(["customer": .string("Ava Garcia"), "amount_due": .string("$499.00")])]))
        let subscriptions = try #require(payments.capability("list_subscriptions")?.fields)
        let subscription: JSONValue = .object(["plan": .object(["amount": .number(1_900), "currency": .string("eur")])])
        #expect(ResultShaper.shape(subscription, fields: ["price"], declared: subscriptions) == .object(["price": .string("€19.00")]))
        // A deal's amount is in whole units already: as sent.
        let deals = try #require(ToolCatalog.builtIn.tool("crm")?.capability("list_deals")?.fields)
        let deal: JSONValue = .object(["properties": .object(["amount": .string("15500")])])
        #expect(ResultShaper.shape(deal, fields: ["amount"], declared: deals) == .object(["amount": .string("15500")]))
    }

    @Test func how_many_people_asks_for_the_field_people_stands_for() async throws {
        let members = try await EmbeddedPlanning.workflow("how many people are in #engineering")
        #expect(members.steps.map(\.capability) == ["find_channel"])
        #expect(members.resultFields == ["members"])
    }

    @Test func a_word_pointing_back_is_no_part_of_an_event_title() async throws {
        let visit = try await EmbeddedPlanning.workflow("Check the weather in Denver & schedule a site visit there tomorrow at 9am")
        #expect(visit.steps.last?.input["summary"] == .literal(.string("Site visit")))
    }
}
