import Foundation
import PlotonCore
import Testing

/// Classes from blind rounds h73–h76 (session 28), each checked on the plan it makes.
@Suite struct PlannerSession28ClassesTests {
    @Test func a_name_typed_in_lower_case_is_the_record_asked_for() async throws {
        // The invoice refunded is the named customer's, never the newest of anyone's.
        let refund = try await EmbeddedPlanning.workflow("refund the latest invoice for jess morgan and let #finance know")
        #expect(refund.steps.map(\.capability).prefix(2) == ["list_customers", "latest_invoice"])
        #expect("\(refund.steps[0])".contains("Jess Morgan"))
        let phone = try await EmbeddedPlanning.workflow("bea okafor's new number is 07700 900123 pls update")
        #expect(phone.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(phone.steps.first?.input["query"] == .literal(.string("Bea Okafor")))
        #expect(phone.steps.last?.input["properties"] == .literal(.object(["phone": .string("07700 900123")])))
        let amount = try await EmbeddedPlanning.workflow("bump the fernhill barn deal to 3,750")
        #expect(amount.steps.first?.input["query"] == .literal(.string("Fernhill Barn")))
        #expect(amount.steps.last?.input["properties"] == .literal(.object(["amount": .string("3750")])))
        // Everyday words and field lists stay as they are; so does a name a create reads itself.
        let fields = try await EmbeddedPlanning.workflow("list open deals with name and amount")
        #expect(fields.steps.map(\.capability) == ["list_deals"])
        let contact = try await EmbeddedPlanning.workflow(
            "create contact: mike o'connor mike.oconnor@gmail.example works at o'connor & daughters plumbing")
        guard case .literal(.object(let properties))? = contact.steps.last?.input["properties"] else {
            Issue.record("no properties in \(contact)")
            return
        }
        #expect(properties["firstname"] == .string("mike"))
    }

    @Test func news_before_the_request_is_the_record_it_points_back_to() async throws {
        let signed = try await EmbeddedPlanning.workflow("We signed Brightwater Labs yesterday, mark their deal as closed won.")
        #expect(signed.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(signed.steps.first?.input["query"] == .literal(.string("Brightwater Labs")))
        let yes = try await EmbeddedPlanning.workflow("oakfield said yes!! move the deal to closed won 🥳")
        #expect(yes.steps.first?.input["query"] == .literal(.string("Oakfield")))
        let lead = try await EmbeddedPlanning.workflow(
            "New lead from the webinar: Marisol Ortega, marisol.ortega@fernbank.example, she's at Fernbank Health. Add her as a contact.")
        #expect(
            lead.steps.last?.input["properties"]
                == .literal(
                    .object([
                        "email": .string("marisol.ortega@fernbank.example"), "firstname": .string("Marisol"),
                        "lastname": .string("Ortega"), "company": .string("Fernbank Health"),
                    ])))
    }

    @Test func a_post_after_a_create_says_what_was_made() async throws {
        let posted = try await EmbeddedPlanning.workflow(
            "create contact for Raj Patel (raj@sunpeak.example) and post in #sales that he's been added")
        #expect(posted.steps.last?.input["text"] == .literal(.string("Raj Patel has been added")))
        let coordinates = try await EmbeddedPlanning.workflow("Get the coordinates of Reykjavik and post them in #travel")
        guard case .template(let text)? = coordinates.steps.last?.input["text"] else {
            Issue.record("no text in \(coordinates)")
            return
        }
        #expect(text.contains(".latitude}}") && text.contains(".longitude}}"))
        // "list them in #finance" posts them: it had only read the files, and completed.
        let listed = try await EmbeddedPlanning.workflow("Find files with 'budget' in the name and list them in #finance")
        #expect(listed.steps.last?.capability == "post_message")
    }

    @Test func what_would_wait_or_is_forbidden_is_refused() async throws {
        let waiting = await EmbeddedPlanning.failure(
            "Once payment pi_6YhN2bGt5RfV8cDe succeeds, email receipts@ourco.example to say it cleared.")
        #expect(waiting != nil)
        let conditional = await EmbeddedPlanning.failure(
            "Check the weather in Lyon and if it's raining, post \"Outdoor lunch moved inside\" to #lyon-office.")
        #expect(conditional != nil)
        let forbidden = await EmbeddedPlanning.failure(
            "Post \"Office closed Friday\" to #general. Constraints: do not post anything to chat; read-only task.")
        #expect(forbidden?.contains("forbids") == true)
        // A label's rule about another act forbids nothing asked.
        let contact = try await EmbeddedPlanning.workflow(
            "Task: Create a CRM contact.\nContext: Met at the meetup; name is Tomasz Wiśniewski, email tomasz@payflow.example, "
                + "company PayFlow.\nConstraints: Do not send any email.")
        #expect(contact.steps.map(\.capability) == ["create_contact"])
    }

    @Test func an_agents_task_that_names_only_the_kind_of_work_is_its_context() async throws {
        let refund = try await EmbeddedPlanning.workflow(
            "Task: Refund and notify.\nContext: refund $20 on pi_4RtY7uIoP2aS5dFg, then email the customer at hana.sato@kumo.example "
                + "to say \"We've refunded $20 for the delayed shipment.\"")
        #expect(refund.steps.map(\.capability).suffix(2) == ["create_refund", "send_message"])
        let update = try await EmbeddedPlanning.workflow(
            "kernel.invoke(ploton_plugin[\"run\"], input=\"Set Ayesha Rahman's company to Greenleaf Analytics in the CRM\")")
        #expect(update.steps.map(\.capability) == ["search_contacts", "update_contact"])
    }

    @Test func fields_asked_as_people_ask_them() async throws {
        let humid = try await EmbeddedPlanning.workflow("Is it humid in Singapore at the moment?")
        #expect(humid.resultFields == ["humidity"])
        let phone = try await EmbeddedPlanning.workflow("Look up Chloe Okafor in the CRM and get me her phone number.")
        #expect(phone.resultFields == ["phone number"])
        let time = try await EmbeddedPlanning.workflow("what time is the dentist on my calendar on jan 20?")
        #expect(time.resultFields == ["start"])
        let stage = try await EmbeddedPlanning.workflow("What stage is the Harborview renewal at?")
        #expect(stage.steps.first?.capability == "search_deals")
    }

    @Test func what_a_relay_carries_and_when_a_period_ends() async throws {
        let count = try await EmbeddedPlanning.workflow("Look up how many members #design has and email the number to olga@ourteam.example")
        guard case .template(let raw)? = count.steps.last?.input["raw"] else {
            Issue.record("no message in \(count)")
            return
        }
        #expect(raw.contains("{{0.0.num_members}} members"))
        // "since yesterday" runs to now: today's messages are not left out.
        let since = try await EmbeddedPlanning.workflow(
            "show me the messages in #general since yesterday", now: Date(timeIntervalSince1970: 1_779_962_400))
        #expect(since.steps.last?.input["oldest"] == .literal(.string("1779840000")))
        #expect(since.steps.last?.input["latest"] == nil)
        let update = try await EmbeddedPlanning.workflow(
            "Sales assistant here. Gustavo Pereira from Andes Coffee just called, his new email is gustavo@andescoffee.example - "
                + "please update his CRM record.")
        #expect(update.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(update.steps.last?.input["properties"] == .literal(.object(["email": .string("gustavo@andescoffee.example")])))
    }
}
