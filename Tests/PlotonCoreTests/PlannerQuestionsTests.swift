import Foundation
import PlotonCore
import Testing

/// Fields asked as questions, senders named by address, and questions reported for a message to ask.
@Suite struct PlannerQuestionsTests {
    /// The result's field names the requested keys stand for, as the runtime shapes them.
    func shapedFields(_ plan: Workflow) -> [String] {
        guard let last = plan.steps.last,
            let declared = ToolCatalog.builtIn.tool(last.tool)?.capability(last.capability)?.fields
        else { return [] }
        return plan.resultFields.compactMap { field in declared.first { $0.answers(field) }?.name }
    }

    @Test func who_and_when_questions_ask_for_the_fields_that_answer_them() async throws {
        let due = try await EmbeddedPlanning.workflow("How much was Ben Carter's latest invoice and when is it due?")
        #expect(shapedFields(due) == ["amount_due", "due_date"])
        let attending = try await EmbeddedPlanning.workflow("meetings next week? list the title, start time and who's attending")
        #expect(shapedFields(attending) == ["title", "start", "attendees"])
        let posted = try await EmbeddedPlanning.workflow("who posted in #design today?")
        #expect(shapedFields(posted) == ["user"])
        let said = try await EmbeddedPlanning.workflow("Who posted last in the support channel and what did they say?")
        #expect(Set(shapedFields(said)) == ["user", "text"])
        let added = try await EmbeddedPlanning.workflow("who are our newest leads? give me name, email, and when they were added")
        #expect(shapedFields(added) == ["name", "email", "created"])
        // A question that opens the prompt only names the records when a list says what to return.
        let named = try await EmbeddedPlanning.workflow("Who's our contact at Initech? need their email")
        #expect(shapedFields(named) == ["email"])
    }

    @Test func a_place_glued_to_a_field_is_the_place_and_the_field() async throws {
        let plan = try await EmbeddedPlanning.workflow("montreal humidity + wind pls")
        #expect(plan.steps.first?.input["name"] == .literal(.string("montreal")))
        #expect(shapedFields(plan) == ["humidity", "wind_speed"])
        #expect(!plan.resultFields.contains { $0.lowercased().contains("montreal") })
        // A place after the list ends it: "… humidity for Berlin, Germany" asks for two fields.
        let listed = try await EmbeddedPlanning.workflow("Return the temperature and humidity for Berlin, Germany.")
        #expect(listed.resultFields == ["temperature", "humidity"])
    }

    @Test func words_inside_an_address_never_choose_a_service() async throws {
        let plan = try await EmbeddedPlanning.workflow("What did billing@stripe.com write me most recently?")
        #expect(plan.steps.map { "\($0.tool).\($0.capability)" } == ["email.search_messages", "email.read_message"])
        #expect(plan.steps[0].input["q"] == .literal(.string("from:billing@stripe.com")))
        let sent = try await EmbeddedPlanning.workflow("what did hr@initech.com send me yesterday?")
        #expect(sent.steps.first?.capability == "search_messages")
        #expect(sent.steps.first?.input["q"].flatMap { "\($0)" }?.contains("from:hr@initech.com") == true)
    }

    @Test func a_customer_found_by_address_is_the_one_a_message_goes_to() async throws {
        let plan = try await EmbeddedPlanning.workflow(
            "Look up the Stripe customer billing@globex.example and send them an email saying their invoice is ready")
        #expect(plan.steps.map(\.capability) == ["list_customers", "send_message"])
        #expect(plan.steps[0].input["email"] == .literal(.string("billing@globex.example")))
    }

    @Test func asking_if_he_wants_something_writes_the_question_to_him() async throws {
        let plan = try await EmbeddedPlanning.workflow(
            #"Email ben@example.com with subject "Lunch Friday?" and ask if he wants to grab lunch on Friday at noon"#)
        guard case .literal(.string(let raw))? = plan.steps.first?.input["raw"],
            let data = Data(base64Encoded: Self.padded(raw)), let message = String(data: data, encoding: .utf8)
        else {
            Issue.record("no raw message in \(plan.steps)")
            return
        }
        #expect(message.contains("Subject: Lunch Friday?"))
        #expect(message.hasSuffix("Could you let me know whether you want to grab lunch on Friday at noon?"))
    }

    @Test func a_question_about_the_record_found_posts_the_field_that_answers_it() async throws {
        let plan = try await EmbeddedPlanning.workflow("Find the Acme renewal deal and tell #sales what stage it's in")
        #expect(plan.steps.map(\.capability) == ["search_deals", "find_channel", "post_message"])
        #expect(plan.steps[2].input["text"] == .template("Stage: {{0.0.properties.dealstage}}"))
    }

    @Test func the_weather_of_a_later_day_fails_naming_it_instead_of_reading_today() async throws {
        let message = await EmbeddedPlanning.failure("forecast for tomorrow in Paris")
        #expect(message?.contains("no forecast for tomorrow") == true)
        let today = try await EmbeddedPlanning.workflow("weather in oslo today")
        #expect(today.steps.map(\.capability) == ["geocode", "current"])
    }

    @Test func a_refund_naming_two_currencies_fails_instead_of_refunding_the_payments_own() async throws {
        let message = await EmbeddedPlanning.failure("refund €20 on the USD charge pi_3NxY2kL9")
        #expect(message?.contains("more than one currency (USD and EUR)") == true)
        let euros = try await EmbeddedPlanning.workflow("Give Olivia Park a €15 refund on pi_9KqL2mWx")
        #expect(euros.steps.last?.input["amount"] == .literal(.number(1500)))
    }

    @Test func a_count_sizes_the_read_and_is_never_searched_for() async throws {
        let emails = try await EmbeddedPlanning.workflow("the last 3 emails from Ann")
        #expect(emails.steps.first?.input["q"] == .literal(.string("from:ann")))
        #expect(emails.steps.first?.input["maxResults"] == .literal(.number(3)))
        let worded = try await EmbeddedPlanning.workflow("show me the last five emails from ann@acme.example")
        #expect(worded.steps.first?.input["maxResults"] == .literal(.number(5)))
        let invoices = try await EmbeddedPlanning.workflow("stripe - show me the last 5 invoices for ann@acme.example")
        #expect(invoices.steps.map(\.capability) == ["list_customers", "list_invoices"])
    }

    @Test func words_after_saying_are_the_message_whatever_they_open_with() async throws {
        let plan = try await EmbeddedPlanning.workflow("send a slack msg to the #design channel saying new mockups are in Figma")
        #expect(plan.steps.last?.input["text"] == .literal(.string("new mockups are in Figma")))
    }

    @Test func asking_a_channel_whether_posts_the_question_and_reads_nothing() async throws {
        let plan = try await EmbeddedPlanning.workflow("ask #sales if anyone has the Acme contract")
        #expect(plan.steps.map(\.capability) == ["find_channel", "post_message"])
        #expect(plan.steps[1].input["text"] == .literal(.string("Could you let me know whether anyone has the Acme contract?")))
        let standup = try await EmbeddedPlanning.workflow("what time does my standup start tomorrow and who is invited?")
        #expect(standup.steps.map(\.capability) == ["list_events"])
    }

    @Test func an_action_under_a_condition_on_a_value_fails_instead_of_running_regardless() async throws {
        let message = await EmbeddedPlanning.failure(
            "check the weather in berlin; if it's raining, post to #general that standup is remote")
        #expect(message?.contains(#"acts only when a condition holds ("if it's raining")"#) == true)
        // "if so" leaves an empty read to fail at run time; "ask if" is the message's question.
        let ifSo = try await EmbeddedPlanning.workflow("check if the Wayne deal closed and if so tell #sales")
        #expect(ifSo.steps.last?.capability == "post_message")
    }

    @Test func what_a_customer_owes_names_the_customer_without_does() async throws {
        let plan = try await EmbeddedPlanning.workflow("Could you kindly check what Hooli owes us and drop a note in #finance?")
        #expect(plan.steps.map(\.capability) == ["list_customers", "list_invoices", "find_channel", "post_message"])
        #expect(plan.steps[0].keep == [OutputCondition(path: "name", op: .equals, value: .string("Hooli"))])
    }

    static func padded(_ base64URL: String) -> String {
        let plain = base64URL.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return plain + String(repeating: "=", count: (4 - plain.count % 4) % 4)
    }
}
