import Foundation
import PlotonCore
import Testing

/// A refusal says what it understood and what to ask instead (blind round h12, run time R9 and h12-75).
@Suite struct PlannerRefusalTests {
    static func refusal(_ prompt: String) async -> PlanningFailure? {
        do {
            _ = try await EmbeddedPlanner().plan(
                PlanningRequest(prompt: prompt, userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn))
            return nil
        } catch {
            return error as? PlanningFailure
        }
    }

    @Test func a_refused_action_on_a_named_service_names_the_tool_and_what_it_can_do() async throws {
        let deleted = try #require(await Self.refusal("Delete the Acme deal from HubSpot"))
        #expect(deleted.message.contains("no tool here can delete that"))
        #expect(deleted.message.contains("Understood: the crm tool (HubSpot, deal)"))
        #expect(!deleted.message.contains("Nothing in it was recognised"))
        #expect(deleted.suggestion.hasPrefix("crm can list contacts, search contacts, create contact, update contact, list deals"))
        let cancelled = try #require(await Self.refusal("Cancel Emma Silva's subscription in Stripe"))
        #expect(cancelled.message.contains("the payments tool (Stripe, subscription)"))
        #expect(cancelled.suggestion.hasPrefix("payments can list customers, list invoices"))
    }

    @Test func a_service_no_tool_connects_to_is_named() async throws {
        let trello = try #require(await Self.refusal("Show my Trello cards due this week"))
        #expect(trello.message.contains("Understood: Trello, which no tool here connects to"))
        let jira = try #require(await Self.refusal("Create a Jira ticket for the login bug"))
        #expect(jira.message.contains("Jira, which no tool here connects to"))
        // Where the action goes: no question about a channel could fix it (round h15).
        let asana = try #require(await Self.refusal("Post the open deals to our Asana board"))
        #expect(asana.message.contains("no tool here connects to Asana"))
        // Nothing named: the general example.
        let pizza = try #require(await Self.refusal("Order 20 pizzas for the team"))
        #expect(pizza.message.contains("Nothing in it was recognised"))
        #expect(pizza.suggestion.hasPrefix("Name the service and the action"))
    }

    @Test func a_condition_after_a_question_is_refused_as_a_condition() async throws {
        let rain = try #require(await Self.refusal("what's the weather in Lisbon? if it rains tell #lisbon-office"))
        #expect(rain.message.contains("no tool here acts only when a condition holds (\"if it rains tell #lisbon-office\")"))
    }

    /// Run time, round h18: each of these completed having done something else (an email, an event) or asked for one `to`.
    @Test func a_delivery_or_booking_no_tool_makes_and_a_message_to_each_person_are_refused() async throws {
        let sms = try #require(await Self.refusal("Refund $15 of pi_9ZzYxW and let the customer know by SMS"))
        #expect(sms.message.contains("no tool here delivers \"by SMS\""))
        let paper = try #require(await Self.refusal("Get Ben Chen's latest invoice and mail a paper copy to his office"))
        #expect(paper.message.contains("no tool here delivers \"paper copy\""))
        let table = try #require(await Self.refusal("Post 'lunch is here' in #general. Also book a table at Nopa for 7pm"))
        #expect(table.message.contains("no tool here books a table"))
        let invoice = try #require(await Self.refusal("email ben@x.example an invoice for $50"))
        #expect(invoice.message.contains("no tool here makes an invoice (\"an invoice for $50\")"), "every invoice was sent")
        let each = try #require(await Self.refusal("email each overdue customer a payment reminder"))
        #expect(each.message.contains("needs a loop"))
        #expect(await Self.refusal("email all our customers that prices go up in January")?.message.contains("needs a loop") == true)
        // A meeting is still booked, and one with someone but no time asks when.
        let call = try await EmbeddedPlanning.workflow("book a call with ann@acme.example tomorrow at 3pm")
        #expect(call.steps.map(\.capability) == ["create_event"])
        let oneOnOne = try await EmbeddedPlanner().plan(
            PlanningRequest(prompt: "book a 1:1 with ravi@ketterlight.example", userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn)
        )
        guard case .needsInput(let schema, _) = oneOnOne else {
            Issue.record("expected a question for the start, got \(oneOnOne)")
            return
        }
        #expect(schema.value(at: "required") == .array([.string("start")]))
    }
}
