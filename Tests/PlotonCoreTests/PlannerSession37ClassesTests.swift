import Foundation
import PlotonAPI
import PlotonCore
import Testing

/// Classes from blind rounds h119–h122 (session 37), each checked on the plan it makes: people correcting themselves as
/// they type (h119: 56 of 100 at first sight), formal letters (h120: 64), a charity's and a school's own words (h121: 63).
@Suite struct PlannerSession37ClassesTests {
    static let now = ISO8601DateFormatter().date(from: "2027-09-14T16:45:00Z")!

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    static func text(_ input: JSONInput?) -> String { input.map { "\($0)" } ?? "" }

    @Test func a_value_taken_back_is_replaced_by_the_one_said_after() async throws {
        // "oops, I mean Feb 5": the first date was set (a silent drop).
        let date = try await Self.plan("Push the Stark Industries Platform close date to Jan 29. oops, I mean Feb 5")
        #expect(date.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(Self.text(date.steps[1].input["properties"]).contains("2028-02-05"))
        // "— sorry, I meant Munich —": Berlin was read, the correction returned as a field.
        let place = try await Self.plan("Can you check the temperature in Berlin — sorry, I meant Munich — and post it to #random?")
        #expect(place.steps.first?.input["name"] == .literal(.string("Munich")))
        #expect(place.steps.last?.capability == "post_message")
        // "wait — $45": $40 was refunded.
        let refund = try await Self.plan("Refund $40 of Ben Chen's latest invoice. wait — $45, he was charged the wrong tax too.")
        #expect(refund.steps.last?.input["amount"] == .literal(.number(4500)))
        // "Sorry, Wednesday, not Thursday": the dentist went on Thursday.
        let day = try await Self.plan("Put 'Dentist' on my calendar Thursday 4-5pm. Sorry, Wednesday, not Thursday.")
        #expect(day.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2027-09-15T16:00:00Z")])))
    }

    @Test func an_act_taken_back_is_left_out_and_the_one_said_instead_done() async throws {
        // "no, skip the email for now": "skip" was refused as a verb.
        let contact = try await Self.plan(
            "Add Tom Becker (tom.becker@wayne.example) as a contact at Wayne Enterprises, then email him a welcome note. no, skip the email for now, just add him."
        )
        #expect(contact.steps.map(\.capability) == ["create_contact"])
        // "Actually scratch that, just email them to me at jo@…": both the post and the email were planned.
        let deals = try await Self.plan(
            "Post the open deals to #sales. Actually scratch that, just email them to me at jo@ourco.example, sales doesn't need to see this yet."
        )
        #expect(deals.steps.map(\.capability) == ["list_deals", "send_message"])
        // "Oh and #support too": the channel was found and nothing posted there (a silent drop).
        let release = try await Self.plan("Post \"Release 4.2 is out\" to #engineering. Oh and #support too, they'll get questions.")
        #expect(release.steps.filter { $0.capability == "post_message" }.count == 2)
    }

    @Test func a_formal_letter_is_read_as_its_request() async throws {
        // "no tool here can dear that".
        let wind = try await Self.plan(
            "Dear Sir or Madam, I am writing to enquire what the wind speed presently is in Aberdeen; our client's helicopter transfer depends upon it."
        )
        #expect(wind.steps.map(\.capability) == ["geocode", "current"])
        // The courtesy formula and "Mr." hid the contact to add (a silent drop: the calendar and the mail were read).
        let contact = try await Self.plan(
            "Further to my meeting with Mr. Tobias Wren of Fairbanks & Hale yesterday, I should be grateful if you would add him to the CRM as a contact; his e-mail adress is t.wren@fairbankshale.example."
        )
        #expect(contact.steps.map(\.capability) == ["create_contact"])
        #expect(Self.text(contact.steps[0].input["properties"]).contains("t.wren@fairbankshale.example"))
        // The title stayed in the name looked up, and no "Ms Emma Silva" was found at run time.
        let invoices = try await Self.plan("Would you be so kind as to list Ms. Emma Silva's invoices?")
        #expect(invoices.steps.first?.keep?.first?.value == .string("Emma Silva"))
        // A message's own words keep the title.
        let post = try await Self.plan("post in #support saying Dr. Patel moved the call to 3pm")
        let posted = Self.text(post.steps.last?.input["text"])
        #expect(posted.contains("Dr. Patel"))
        // "on no account are any refunds to be issued this week" forbids the refund asked.
        let forbidden = await EmbeddedPlanning.failure(
            "Please refund Mr. Diego Rossi's latest invoice in full; however, on no account are any refunds to be issued this week.")
        #expect(forbidden?.contains("forbids") == true)
    }

    @Test func news_about_a_contact_then_update_her_record_sets_the_new_value() async throws {
        let phone = try await Self.plan(
            "Kira Kowalski has a new mobile number: +1 415 555 0199. Could you update her record? Thanks so much")
        #expect(phone.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(Self.text(phone.steps[1].input["properties"]).contains("+1 415 555 0199"))
        let company = try await Self.plan(
            "Chloe Okafor has changed firms and is now with Globex; would you be so kind as to update her record accordingly?")
        #expect(company.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(Self.text(company.steps[1].input["properties"]).contains("Globex"))
    }

    @Test func a_charitys_words_name_the_records_the_tools_keep() async throws {
        let grant = try await Self.plan("What stage is the Hooli Expansion grant at right now?")
        #expect(grant.steps.map(\.capability) == ["search_deals"])
        let donors = try await Self.plan("How many monthly donors do we have active at the moment?")
        #expect(donors.steps.map(\.capability) == ["list_subscriptions"])
        // A person named Grant is no deal, nor is an address ("oliver.grant@…" was saved as "oliver.deal@…").
        let person = try await Self.plan("refund $120 of Oliver Grant's latest invoice")
        #expect(person.steps.first?.keep?.first?.value == .string("Oliver Grant"))
        let record = try await Self.plan("Create a new client record: Oliver Grant, oliver.grant@yahoo.co.uk")
        #expect(record.steps.map(\.capability) == ["create_contact"])
        let saved = Self.text(record.steps.first?.input["properties"])
        #expect(saved.contains("oliver.grant@yahoo.co.uk"))
        // "grant" the verb is no deal either: no tool grants access.
        let access = await EmbeddedPlanning.failure("grant Diego Rossi edit access to the IT shared folder on Drive")
        #expect(access?.contains("grant") == true)
    }

    @Test func a_message_described_by_its_purpose_is_written() async throws {
        // The body and subject were asked for.
        let welcome = try await Self.plan("email our new hire jane@acme.example to welcome her to the team")
        #expect(try EmbeddedPlanning.sentMessage(welcome).hasSuffix("Welcome to the team!"))
        let thanks = try await Self.plan("email jane@acme.example to thank her for her referral")
        #expect(try EmbeddedPlanning.sentMessage(thanks).hasSuffix("Thank you for your referral!"))
        // "I'm cfo@…, send me …": the address asked for again.
        let total = try await Self.plan("i'm cfo@acme.example, send me the total amount due on unpaid invoices")
        let message = Self.text(total.steps.last?.input["raw"])
        #expect(message.contains("To: cfo@acme.example"))
        // "write off" is no message written: no tool writes a debt off.
        let writeOff = await EmbeddedPlanning.failure("write off INV-1003 as bad debt")
        #expect(writeOff?.contains("write off") == true)
    }
}
