import Foundation
import PlotonCore
import Testing

/// Classes from blind rounds h61 and h62 (session 26), each checked on the plan it makes.
@Suite struct PlannerSession26ClassesTests {
    @Test func words_to_the_agent_after_a_message_are_not_sent() async throws {
        let aside = try await EmbeddedPlanning.workflow(
            "Email sarah@acme.example saying thanks for signing. She asked for a confirmation in writing, so the email matters "
                + "more than the Slack post.")
        #expect(try EmbeddedPlanning.sentMessage(aside).hasSuffix("\r\n\r\nthanks for signing"))
        let kept = try await EmbeddedPlanning.workflow(
            "Email ops@ourco.example saying the 2.4 release is live. We will watch it overnight.")
        #expect(try EmbeddedPlanning.sentMessage(kept).hasSuffix("\r\n\r\nthe 2.4 release is live. We will watch it overnight."))
    }

    @Test func every_property_a_change_states_is_written() async throws {
        let updated = try await EmbeddedPlanning.workflow(
            "Update the contact Chidi Okafor in CRM: new phone +234 803 555 0192 and job title Procurement Lead.")
        #expect(
            updated.steps.last?.input["properties"]
                == .literal(.object(["phone": .string("+234 803 555 0192"), "jobtitle": .string("Procurement Lead")])))
        let created = try await EmbeddedPlanning.workflow("add contact Ben Ruiz ben@ruiz.example title: Head of Ops, company Hooli")
        guard case .literal(.object(let properties))? = created.steps.last?.input["properties"] else {
            Issue.record("no properties in \(created)")
            return
        }
        #expect(properties["jobtitle"] == .string("Head of Ops"))
        #expect(properties["company"] == .string("Hooli"))
    }

    @Test func an_act_after_a_message_block_is_planned_not_posted() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "Post in #standup:\nYesterday: finished GST report\nToday: vendor reconciliation\nand after that upload same text to Drive "
                + "as standup.txt")
        #expect(workflow.steps.map(\.capability) == ["find_channel", "post_message", "upload_file"])
        #expect(workflow.steps[1].input["text"] == .literal(.string("Yesterday: finished GST report\nToday: vendor reconciliation")))
    }

    @Test func what_someone_said_before_the_request_asks_nothing() async throws {
        let searched = try await EmbeddedPlanning.workflow(
            "Acme says they sent us a bunch of invoices last month. Search my inbox for emails from billing@acme.example.")
        #expect(!searched.steps.contains { $0.tool == "payments" })
        // "flies" is a word, not a slip for "files".
        let flown = try await EmbeddedPlanning.workflow("Our team flies out to Tokyo tonight. What's the weather there now?")
        #expect(!flown.steps.contains { $0.tool == "storage" })
    }

    @Test func a_read_pointed_back_at_is_relayed_not_its_words() async throws {
        let workflow = try await EmbeddedPlanning.workflow("Check the status of payment pi_3Lp0OkIj98 and let #billing know what it is.")
        #expect(workflow.steps.last?.input["text"] == .template("{{0|summary}}"))
    }

    @Test func a_prohibition_of_the_calendar_contradicts_a_booking() async throws {
        let failure = try #require(
            await EmbeddedPlanning.failure("Schedule the vendor call tomorrow at 3pm, but don't put anything on my calendar tomorrow."))
        #expect(failure.contains("\"don't put anything on my calendar tomorrow\" forbids what the rest of it asks"))
    }

    @Test func plugin_calls_and_nested_yaml_are_the_requests_they_stand_for() async throws {
        let uploaded = try await EmbeddedPlanning.workflow(
            #"[Plugin: Storage] [Function: UploadFile] name=q3.csv content="region,amount\nEMEA,120000""#)
        #expect(uploaded.steps.map(\.capability) == ["upload_file"])
        #expect(uploaded.steps.first?.input["content"] == .literal(.string("region,amount\nEMEA,120000")))
        let updated = try await EmbeddedPlanning.workflow(
            "task: update_contact\ncontact: sam.ortiz@bluepeak.example\nchanges:\n  lifecyclestage: customer\n  company: Bluepeak")
        #expect(
            updated.steps.last?.input["properties"]
                == .literal(.object(["lifecyclestage": .string("customer"), "company": .string("Bluepeak")])))
    }

    @Test func an_events_description_is_written_from_its_label() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "Book 'Quarterly review' next Monday from 10am to 11:30am and add a short description: walk through the Q3 numbers.")
        #expect(workflow.steps.map(\.capability) == ["create_event"])
        #expect(workflow.steps.first?.input["description"] == .literal(.string("walk through the Q3 numbers")))
    }

    @Test func a_later_turn_that_changes_the_channel_posts_once_there() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "User: Post the outage notice in #status.\nAssistant: Sure, what should it say?\nUser: Actually use #status-internal "
                + "instead, and say \"Payments API degraded\".")
        #expect(workflow.steps.map(\.capability) == ["find_channel", "post_message"])
        #expect(workflow.steps.first?.input["name"] == .literal(.string("status-internal")))
    }

    @Test func a_sales_forecast_is_no_weather_and_a_file_keeps_its_name() async throws {
        let deals = try await EmbeddedPlanning.workflow("List every deal with its amount and close date for the weekly forecast.")
        #expect(deals.steps.map(\.capability) == ["list_deals"])
        let file = try await EmbeddedPlanning.workflow("Find the file called Q2 Forecast.xlsx on Drive")
        guard case .literal(.string(let query))? = file.steps.first?.input["q"] else {
            Issue.record("no query in \(file)")
            return
        }
        #expect(query.contains("Q2 Forecast.xlsx"))
    }

    @Test func a_service_named_in_a_message_is_no_destination_and_a_haystack_run_is_its_query() async throws {
        let posted = try await EmbeddedPlanning.workflow("Post in the design channel: Mockups v3 are in Figma, feedback by Friday please.")
        #expect(posted.steps.map(\.capability) == ["find_channel", "post_message"])
        let run = try await EmbeddedPlanning.workflow(
            #"pipeline.run({"prompt_builder": {"query": "Get the current subscription status for customer cus_T5gH2kLp"}})"#)
        #expect(!run.steps.contains { $0.tool == "crm" })
        #expect(run.steps.map(\.capability) == ["list_subscriptions"])
    }

    @Test func terse_changes_are_planned_as_changes() async throws {
        let moved = try await EmbeddedPlanning.workflow("deal Nordlys Energy -> closed lost plz")
        #expect(moved.steps.map(\.capability) == ["search_deals", "update_deal"])
        let pushed = try await EmbeddedPlanning.workflow("Look up the Mill House deal and push its close date to 15 December 2027.")
        #expect(pushed.steps.last?.input["properties"] == .literal(.object(["closedate": .string("2027-12-15")])))
        let added = try await EmbeddedPlanning.workflow("Whoever sent my latest unread email - add them to the CRM as a contact.")
        #expect(added.steps.map(\.capability) == ["search_messages", "read_message", "create_contact"])
    }

    @Test func a_house_number_is_no_time_and_a_length_the_times_contradict_is_refused() async throws {
        #expect(try await EmbeddedPlanning.needsInput("Put the plumbing job at 22 Oak Avenue in my diary.") == ["start"])
        let failure = try #require(await EmbeddedPlanning.failure("Book a 30 minute meeting 'Budget sync' tomorrow from 10am until noon."))
        #expect(failure.contains("lasts 30 minutes but runs 120 minutes"))
    }
}
