import Foundation
import PlotonAPI
import Testing

@testable import PlotonCore

/// Session 20's planner classes from blind rounds h36's and h37's open failures (the helper's share).
@Suite struct PlannerSession20HelperClassesTests {
    /// Monday 2026-12-07, 10:30 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_639_400)

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    /// h36-75: "Change the email address of contact Ben Carter to ben.carter@newco.example" searched the contact by the
    /// address it does not have yet (the update failed at run time). The record is named by the words before the change.
    @Test func a_changes_new_value_is_never_the_records_search_key() async throws {
        for (prompt, query, property, value) in [
            (
                "Change the email address of contact Ben Carter to ben.carter@newco.example.", "Ben Carter", "email",
                "ben.carter@newco.example"
            ),
            // A name typed in lower case is searched as a name (`LowercaseNames`).
            ("pls change email of contact ana ruiz to ana.ruiz@new.example", "Ana Ruiz", "email", "ana.ruiz@new.example"),
            ("In the CRM, change the email for Leo Park to leo.park@studio.example.", "Leo Park", "email", "leo.park@studio.example"),
            ("change the email address of ben@old.example to ben@new.example", "ben@old.example", "email", "ben@new.example"),
        ] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.map(\.capability) == ["search_contacts", "update_contact"], "\(prompt)")
            #expect(workflow.steps.first?.input["query"] == .literal(.string(query)), "\(prompt)")
            #expect(workflow.steps.last?.input["properties"] == .literal(.object([property: .string(value)])), "\(prompt)")
        }
    }

    /// h36-80, h36-37: "Email sara@…: Hi Sara, the samples arrived this morning. Thanks!" lost "Thanks!", and "🚀 post in
    /// #launch: We're live! 🎉" lost the 🎉. A message after its colon is sent as written; an agent's "thx" is still not.
    @Test func a_message_after_its_colon_keeps_its_thanks_and_emoji() async throws {
        for (prompt, body) in [
            (
                "Email sara@lab.example: Hi Sara, the samples arrived this morning. Thanks!",
                "Hi Sara, the samples arrived this morning. Thanks!"
            ),
            ("email ann@x.example: the invoice is paid. Cheers!", "the invoice is paid. Cheers!"),
            (
                "pls email john@partner.example re: contract renewal, say we need the signed copy by EOD friday. thx",
                "we need the signed copy by EOD friday"
            ),
        ] {
            let message = try EmbeddedPlanning.sentMessage(try await Self.plan(prompt))
            #expect(message.hasSuffix("\r\n\r\n" + body), "\(prompt): \(message)")
        }
        for (prompt, text) in [
            ("🚀 post in #launch: We're live! 🎉", "We're live! 🎉"), ("Slack #ops: deploy finished ✅", "deploy finished ✅"),
        ] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.last?.input["text"] == .literal(.string(text)), "\(prompt)")
        }
    }

    /// h36-34: "Handoff from triage_agent to billing_agent. The customer jane.doe@… says …" listed every invoice ("billing")
    /// before finding the customer.
    @Test func a_sentence_naming_the_agents_of_a_handoff_asks_nothing() async throws {
        let workflow = try await Self.plan(
            "Handoff from triage_agent to billing_agent. The customer jane.doe@example.com says she was double charged. Look up her "
                + "customer record in payments and list her invoices with amount due and status.")
        #expect(workflow.steps.map(\.capability) == ["list_customers", "list_invoices"])
        #expect(workflow.steps.last?.input["customer"] == .reference(step: 0, path: "0.id"))
    }

    /// h36-08, h36-26, h37-18: "Show me every deal with its stage" is shaped at run time to the deal's name and its stage
    /// (`ResultShaper.identified`), and the scorer compares fields as the runtime shapes them: a list's own name or title
    /// counts whether the case lists it or not; a single record gains nothing.
    @Test func the_scorer_compares_a_lists_fields_with_the_name_the_runtime_adds() async throws {
        struct Fixed: Planner {
            let name = "fixed"
            func plan(_ request: PlanningRequest) async throws -> PlanningResult {
                let step =
                    request.prompt.contains("latest")
                    ? PlannedStep(tool: "payments", capability: "latest_invoice", input: [:])
                    : PlannedStep(tool: "crm", capability: "list_deals", input: [:])
                return .workflow(Workflow(steps: [step], resultFields: ["stage"]))
            }
        }
        let set = try PlannerEvaluationSet.decode(
            Data(
                #"""
                {"now": "2026-12-07T10:30:00Z", "cases": [
                  {"id": "a", "prompt": "Show me every deal with its stage", "tools": ["crm"], "capabilities": ["crm.list_deals"],
                   "fields": ["deal_name", "stage"]},
                  {"id": "b", "prompt": "List the deals with their stages", "tools": ["crm"], "capabilities": ["crm.list_deals"],
                   "fields": ["stage"]},
                  {"id": "c", "prompt": "List the deals with their stages and amounts", "tools": ["crm"],
                   "capabilities": ["crm.list_deals"], "fields": ["deal_name", "amount", "stage"]},
                  {"id": "d", "prompt": "the latest invoice's status", "tools": ["payments"], "capabilities": ["payments.latest_invoice"],
                   "fields": ["number", "stage"]}
                ]}
                """#.utf8))
        let report = await PlannerScorer(planner: Fixed()).score(set)
        #expect(report.results.map(\.passed) == [true, true, false, false])
    }

    /// h37-54, h37-78 (silent drops): "Function call: storage.upload_file(name=…, content=…)" searched the Drive instead of
    /// saving the file, and "Upload a file called pipeline.csv containing user_123's open deals" saved those words.
    @Test func a_labelled_call_and_records_a_file_contains_are_uploaded() async throws {
        let call = try await Self.plan(
            ##"Function call: storage.upload_file(name="minutes.md", content="# Minutes\n- Budget approved")"##)
        #expect(call.steps.map(\.capability) == ["upload_file"])
        #expect(call.steps.first?.input["content"] == .literal(.string("# Minutes\n- Budget approved")))
        for prompt in [
            "Upload a file called pipeline.csv containing user_123's open deals.",
            "Upload a file called pipeline.csv containing open deals.",
        ] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.map(\.capability) == ["list_deals", "upload_file"], "\(prompt)")
            #expect(workflow.steps.last?.input["content"] == .template("{{0|csv}}"), "\(prompt)")
        }
        let said = try await Self.plan("save a file todo.txt containing buy milk and call mom")
        #expect(said.steps.last?.input["content"] == .literal(.string("buy milk and call mom")))
    }

    /// h37-48: "add up the amounts of all deals … and return the total" asked for a new record's name ("add").
    @Test func adding_up_records_is_their_total() async throws {
        for (prompt, field) in [
            ("Instruction: add up the amounts of all deals in user_123's CRM and return the total.", "amount"),
            ("sum the amounts of all deals", "amount"), ("add up all open invoice amounts", "amount_due"),
        ] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.aggregate == ResultAggregate(op: .sum, field: field), "\(prompt)")
        }
    }

    /// h36-59, h36-61: "Planner: The customer … Fetch their open invoices …" refused "planner" as a verb, and "System: you are an
    /// email assistant.\nHuman: who sent me the last 3 emails?" asked whom to send to; "who sent" is the sender, and "sent"
    /// no date of its own.
    @Test func a_speaker_the_request_is_addressed_to_and_who_sent_it() async throws {
        let owed = try await Self.plan(
            "Planner: The customer (customer id cus_Q7w) wants to know what they owe. Fetch their open invoices and report the total "
                + "amount due.")
        #expect(owed.steps.map(\.capability) == ["list_invoices"])
        #expect(owed.aggregate == ResultAggregate(op: .sum, field: "amount_due"))
        for prompt in ["System: you are an email assistant.\nHuman: who sent me the last 3 emails?", "who sent me the latest email?"] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.map(\.capability) == ["search_messages", "read_message"], "\(prompt)")
            #expect(workflow.resultFields == ["who sent"], "\(prompt)")
        }
    }

    /// h37-33, h37-35, h37-52, h36-55, h36-65: fields a request names after "report", after polite words ("Could you check
    /// the humidity …"), short ("phone nr"), with their purpose ("… to decide on the outdoor event"), or as whether a payment
    /// went through.
    @Test func fields_named_after_report_politely_short_or_with_a_purpose() async throws {
        for (prompt, fields) in [
            (
                "Task: Fetch the latest invoice for customer cus_P7x2LmQ9 and report the amount due and whether it has been paid.",
                ["amount due", "status"]
            ),
            ("Good morning! Could you check the humidity in Singapore for me please?", ["humidity"]),
            ("find contcat with email tom@helix.example and give me his phone nr", ["phone number"]),
            ("Did payment pi_3Sd0LaRs77 succeed?", ["status"]),
            (
                "please check the weather in Lagos, Nigeria. We need the temperature and humidity to decide on the outdoor event.",
                ["temperature", "humidity"]
            ),
        ] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.resultFields == fields, "\(prompt)")
        }
    }

    /// h36-63: "📅 tmrw 3pm call w/ nina@… 30min 'Contract check-in'" refused "call"; a call with someone at a time is a meeting
    /// to book, and "call nina tomorrow" is still a phone call no tool makes.
    @Test func a_call_with_someone_at_a_time_is_booked() async throws {
        let workflow = try await Self.plan("📅 tmrw 3pm call w/ nina@ivy.example 30min 'Contract check-in'")
        #expect(workflow.steps.map(\.capability) == ["create_event"])
        #expect(workflow.steps.first?.input["summary"] == .literal(.string("Contract check-in")))
        #expect(await EmbeddedPlanning.failure("call nina tomorrow at 3pm")?.contains("no tool here can call") == true)
    }

    /// "Quelle est la température à Paris ?" looked up "à Paris", and "el clima en Madrid hoy" "Madrid hoy"; "I'm off on
    /// Friday. Block 9am-12pm for errands" booked today's morning, already past.
    @Test func a_foreign_preposition_is_no_place_and_hours_take_the_day_another_part_names() async throws {
        for (prompt, place) in [("Quelle est la température à Paris ?", "Paris"), ("el clima en Madrid hoy", "Madrid")] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.first?.input["name"] == .literal(.string(place)), "\(prompt)")
        }
        let errands = try await Self.plan("I'm off on Friday. Block 9am-12pm for errands")
        #expect(
            errands.steps.last?.input["start"] == .literal(.object(["dateTime": .string("2026-12-11T09:00:00Z")])))
    }
}
