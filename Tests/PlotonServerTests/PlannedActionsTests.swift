import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// Prompts that read and then act, run end to end on the sandboxes with the embedded planner: the
/// action runs with the values the prompt states, or the task does not complete.
@Suite struct PlannedActionsTests {
    func steps(_ t: TestApp, _ task: [String: Any]) async throws -> [String] {
        let trace = try await t.send(.GET, "v1/tasks/\(try #require(task["id"] as? String))/trace", key: t.testKey).object
        let planned = (trace["workflow"] as? [String: Any])?["steps"] as? [[String: Any]] ?? []
        return planned.map { "\($0["tool"] as? String ?? "").\($0["capability"] as? String ?? "")" }
    }

    @Test func read_then_email_sends_the_records_composed_into_a_gmail_message() async throws {
        try await withPloton { t async throws in
            let task = try await t.runPrompt("Get the open deals and email them to ops@ourco.example")
            #expect(task["status"] as? String == "complete", "\(task)")
            #expect(try await steps(t, task) == ["crm.list_deals", "email.send_message"])
            let sent = try #require((task["result"] as? [String: Any])?["id"] as? String)

            let read = try await t.createTask(#"{"prompt":"Read message id: \#(sent)","tool":"email","user_id":"user_123"}"#)
            try await t.drainConsenting()
            let message = try #require(try await t.task(read)["result"] as? [String: Any])
            let headers = (message["payload"] as? [String: Any])?["headers"] as? [[String: Any]] ?? []
            let header = { (name: String) in headers.first { $0["name"] as? String == name }?["value"] as? String }
            #expect(header("To") == "ops@ourco.example")
            #expect(header("Subject") == "Deals")
            #expect((message["snippet"] as? String)?.hasPrefix("- ") == true, "one line per deal: \(message)")
        }
    }

    @Test func a_meeting_is_scheduled_at_the_stated_time_for_the_stated_length() async throws {
        try await withPloton { t async throws in
            let task = try await t.runPrompt("Schedule 'Roadmap sync' with ann@acme.example tomorrow at 3pm for an hour")
            #expect(task["status"] as? String == "complete", "\(task)")
            let event = try #require(task["result"] as? [String: Any])
            #expect(event["summary"] as? String == "Roadmap sync")
            let start = try #require((event["start"] as? [String: Any])?["dateTime"] as? String)
            let end = try #require((event["end"] as? [String: Any])?["dateTime"] as? String)
            #expect(start.hasSuffix("T15:00:00Z") && end.hasSuffix("T16:00:00Z"), "\(start) – \(end)")
            #expect((event["attendees"] as? [[String: Any]])?.first?["email"] as? String == "ann@acme.example")
        }
    }

    @Test func an_action_no_tool_can_take_fails_the_task_naming_it() async throws {
        try await withPloton { t async throws in
            let task = try await t.runPrompt("Get the open deals and fax them to the office")
            #expect(task["status"] as? String == "failed")
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "planning_failed")
            #expect((error["message"] as? String)?.contains("\"fax them to the office\"") == true, "\(error)")
        }
    }

    @Test func a_message_to_someone_a_search_did_not_find_is_not_sent() async throws {
        // A name the CRM sandbox never seeds (its seed is random per account), so the search always finds nobody.
        try await withPloton { t async throws in
            let task = try await t.runPrompt(
                "Look up Oscar Lindqvist in the CRM and send him an email saying the onboarding call is confirmed")
            #expect(task["status"] as? String == "failed", "\(task)")
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "not_found")
            #expect((error["message"] as? String)?.hasPrefix(#"No contact named "Oscar Lindqvist" was found"#) == true, "\(error)")
            // The user's terms: not Gmail's "raw" that the next step would have sent.
            #expect((error["message"] as? String)?.hasSuffix("(step 0, crm.search_contacts), so nothing after it ran.") == true, "\(error)")
            let trace = try await t.send(.GET, "v1/tasks/\(try #require(task["id"] as? String))/trace", key: t.testKey).object
            let ran = (trace["steps"] as? [[String: Any]] ?? []).map { "\($0["tool"] as? String ?? "").\($0["status"] as? String ?? "")" }
            #expect(!ran.contains("email.complete"), "\(ran)")
        }
    }

    @Test func a_channel_that_does_not_exist_fails_saying_so() async throws {
        try await withPloton { t async throws in
            let task = try await t.runPrompt(#"Post "Deploy done" to #releases"#)
            #expect(task["status"] as? String == "failed")
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "not_found")
            // What exists, to fix the prompt with; the trace shows the step that found nothing.
            let message = try #require(error["message"] as? String)
            #expect(message.hasPrefix(#"No channel named "releases" was found (chat.find_channel); channels: "#), "\(message)")
            #expect(message.contains("general") && message.contains("engineering"), "\(message)")
            #expect((error["suggestion"] as? String)?.contains("channels that exist") == true, "\(error)")
            #expect((error["suggestion"] as? String)?.contains("create") == false, "no tool here creates a channel: \(error)")
        }
    }

    @Test func the_weather_of_two_places_is_posted_with_each_place_and_its_units() async throws {
        try await withPloton { t async throws in
            // The action first, both places after it: the second place was looked up and never read (blind round h14 R1).
            let task = try await t.runPrompt("Post the weather in Rome and Milan to #random")
            #expect(task["status"] as? String == "complete", "\(task)")
            let text = try #require(((task["result"] as? [String: Any])?["message"] as? [String: Any])?["text"] as? String)
            let lines = text.split(separator: "\n")
            #expect(lines.count == 2 && lines[0].hasPrefix("Rome") && lines[1].hasPrefix("Milan"), "\(text)")
            #expect(lines.allSatisfy { $0.contains(" °C, humidity ") && $0.hasSuffix(" km/h") }, "\(text)")
        }
    }

    @Test func phone_numbers_asked_for_are_requested_from_hubspot_and_returned() async throws {
        // HubSpot returns only the properties asked for: phone was declared but never asked (blind rounds h12 R7, h14 R5).
        let crm = try #require(ToolCatalog.builtInDefinitions.first { $0.name == "crm" })
        #expect(crm.capability("list_contacts")?.parameters["properties"]?.default?.stringValue?.contains("phone") == true)
        #expect(crm.capability("search_contacts")?.parameters["properties"]?.default?.arrayValue?.contains(.string("phone")) == true)
        try await withPloton { t async throws in
            let task = try await t.runPrompt("List every contact in our CRM with their names, emails and phone numbers")
            #expect(task["status"] as? String == "complete", "\(task)")
            let rows = try #require(task["result"] as? [[String: Any]])
            #expect(!rows.isEmpty && rows.allSatisfy { ($0["phone_numbers"] as? String)?.hasPrefix("+1 415 555 01") == true }, "\(rows)")
        }
    }

    @Test func a_refund_of_someones_last_invoice_refunds_their_latest_paid_one() async throws {
        try await withPloton { t async throws in
            // Emma Silva's latest invoice is open: its refund was asked to be approved, then failed (blind round h12 R4).
            let task = try await t.runPrompt("Refund Emma Silva's last invoice")
            let id = try #require(task["id"] as? String)
            let waiting = try #require(task["waiting"] as? [String: Any], "\(task)")
            #expect(waiting["reason"] as? String == "approval_required", "\(task)")
            // What a person approves, in their terms, before the request agents read (h12 R5).
            let asked = try #require(waiting["message"] as? String)
            #expect(asked.hasPrefix("Refund payment pi_") && asked.contains(" in full (Emma Silva's invoice INV-"), "\(asked)")
            #expect(asked.contains(" paid)? Approve payments.create_refund with {"), "\(asked)")
            try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"approve":true}"#)
            try await t.drainConsenting()
            let refunded = try await t.task(id)
            #expect(refunded["status"] as? String == "complete", "\(refunded)")
            #expect((refunded["result"] as? [String: Any])?["status"] as? String == "succeeded", "\(refunded)")
        }
    }

    @Test func a_refund_in_another_currency_than_the_payments_is_refused_before_approval() async throws {
        try await withPloton { t async throws in
            // Approved, "£5" of a USD invoice refunded $5.00; the approval text only warned (session 14).
            let task = try await t.runPrompt("Refund £5 of Emma Silva's last invoice")
            #expect(task["status"] as? String == "failed", "\(task)")
            let error = try #require(task["error"] as? [String: Any], "\(task)")
            #expect(error["code"] as? String == "currency_mismatch", "\(error)")
            #expect((error["message"] as? String)?.hasSuffix("Nothing was refunded.") == true, "\(error)")
        }
    }

    @Test func a_refund_in_another_currency_of_a_payment_named_by_its_id_is_refused_before_approval() async throws {
        try await withPloton { t async throws in
            let invoices = try await t.runPrompt("List Emma Silva's paid invoices")
            let paid = try #require((invoices["result"] as? [[String: Any]])?.first, "\(invoices)")
            let payment = try #require(paid["payment_intent"] as? String, "\(paid)")
            // "€40 of pi_…" refunded $40.00 once approved (blind round h27): the payment is read first now.
            let euros = try await t.runPrompt("Refund €5 of payment \(payment)")
            #expect(euros["status"] as? String == "failed", "\(euros)")
            let error = try #require(euros["error"] as? [String: Any], "\(euros)")
            #expect(error["code"] as? String == "currency_mismatch", "\(error)")
            #expect((error["message"] as? String)?.contains("in EUR, but the payment (step 0) is in USD") == true, "\(error)")
            let dollars = try await t.runPrompt("Refund $5 of payment \(payment)")
            let waiting = try #require(dollars["waiting"] as? [String: Any], "\(dollars)")
            #expect((waiting["message"] as? String)?.hasPrefix("Refund $5.00 of payment \(payment)") == true, "\(waiting)")
        }
    }

    @Test func an_action_on_a_named_record_that_several_match_changes_none_and_names_them() async throws {
        try await withPloton { t async throws in
            for _ in 0..<2 {
                let created = try await t.runPrompt("Create a deal called Zephyr Labs - Renewal worth $1,000")
                #expect(created["status"] as? String == "complete", "\(created)")
            }
            // The first match was moved and the task completed (blind round h12 R3).
            let task = try await t.runPrompt("Move the Zephyr Labs renewal deal to closed won")
            #expect(task["status"] as? String == "failed", "\(task)")
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "ambiguous_match")
            let message = try #require(error["message"] as? String)
            #expect(
                message.hasPrefix(#"2 deals match "Zephyr Labs renewal" (step 0, crm.search_deals): Zephyr Labs - Renewal (id "#),
                "\(message)")
            #expect(message.hasSuffix("Nothing was changed.") && error["recoverable"] as? Bool == true, "\(error)")
            let trace = try await t.send(.GET, "v1/tasks/\(try #require(task["id"] as? String))/trace", key: t.testKey).object
            let ran = (trace["steps"] as? [[String: Any]] ?? []).map {
                "\($0["capability"] as? String ?? "").\($0["status"] as? String ?? "")"
            }
            #expect(!ran.contains("update_deal.complete"), "\(ran)")
        }
    }

    @Test func a_record_asked_for_by_an_id_no_record_has_fails_saying_how_to_find_one() async throws {
        try await withPloton { t async throws in
            let task = try await t.runPrompt("Update contact 1042's company to Vandelay Industries")
            #expect(task["status"] as? String == "failed", "\(task)")
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "not_found")
            #expect(error["message"] as? String == #"No contact with id "1042" was found (crm.update_contact)."#, "\(error)")
            #expect(error["recoverable"] as? Bool == true)
            #expect((error["suggestion"] as? String)?.contains("list the contacts (crm)") == true, "\(error)")
        }
    }

    @Test func a_preview_shows_the_plan_the_task_runs_filters_included() async throws {
        try await withPloton { t async throws in
            let prompt = "Get the open deals created this month and email them to ann@acme.example"
            let preview = try await t.send(
                .POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"\#(prompt)","user_id":"user_123","mode":"test"}"#
            ).object
            let task = try await t.runPrompt(prompt)
            let trace = try await t.send(.GET, "v1/tasks/\(try #require(task["id"] as? String))/trace", key: t.testKey).object
            let planned = try #require((trace["workflow"] as? [String: Any])?["steps"] as? [[String: Any]])
            let previewed = try #require(preview["steps"] as? [[String: Any]])
            #expect(previewed.count == planned.count && planned.count == 2, "\(previewed)")
            for (shown, ran) in zip(previewed, planned) {
                for key in ["tool", "capability", "reason"] { #expect(shown[key] as? String == ran[key] as? String, "\(key)") }
                let keep = { (step: [String: Any]) in (step["keep"] as? [[String: Any]])?.map { "\($0["path"] ?? "") \($0["op"] ?? "")" } }
                #expect(keep(shown) == keep(ran))
            }
            #expect((previewed[0]["keep"] as? [[String: Any]])?.count == 3, "open, and the month's two bounds")
        }
    }

    @Test func a_list_result_reports_the_fields_no_record_has_in_the_trace() async throws {
        try await withPloton { t async throws in
            let task = try await t.runPrompt("List all my CRM contacts with their emails and shoe sizes")
            #expect(task["status"] as? String == "complete", "\(task)")
            let contacts = try #require(task["result"] as? [[String: Any]])
            // Each record says whose email it is (the contact's name comes first when no field asked for names it).
            #expect(!contacts.isEmpty && contacts.allSatisfy { Set($0.keys) == ["name", "emails"] }, "\(contacts)")
            let trace = try await t.send(.GET, "v1/tasks/\(try #require(task["id"] as? String))/trace", key: t.testKey).object
            let unmatched = (trace["workflow"] as? [String: Any])?["unmatched_fields"] as? [String]
            #expect(unmatched == ["shoe_sizes"], "\(trace)")
        }
    }

    @Test func a_missing_message_is_asked_for_in_plain_terms_and_the_answer_sends_it() async throws {
        try await withPloton { t async throws in
            let task = try await t.runPrompt("Send an email to ann@acme.example")
            #expect(task["status"] as? String == "waiting")
            let schema = try #require((task["waiting"] as? [String: Any])?["input_schema"] as? [String: Any])
            let asked = Set((schema["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
            #expect(asked.contains("body") && !asked.contains("raw") && !asked.contains("to"), "\(asked)")

            let id = try #require(task["id"] as? String)
            let answered = try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"input":{"body":"Hello Ann"}}"#)
            #expect(answered.status == .ok, "\(answered.body.string)")
            try await t.drainConsenting()
            let done = try await t.task(id)
            #expect(done["status"] as? String == "complete", "\(done)")
            #expect(try await steps(t, done) == ["email.send_message"])
        }
    }
}
