import Foundation
import PlotonCore
import Testing

/// Sandboxes search and refund as their providers do, so a correct plan finds in test mode what it
/// would find live: Gmail's operators, HubSpot's multi-property query, Stripe's invoice payments.
@Suite struct SandboxProviderSearchTests {
    static let now = Date(timeIntervalSince1970: 1_750_000_000)  // 2025-06-15 15:06:40 UTC

    func call(
        _ sandbox: some ProviderSandbox, _ tool: String, _ capability: String, _ input: [String: JSONValue], storage: InMemorySandboxStorage
    )
        async throws -> JSONValue
    {
        let definition = try #require(ToolCatalog.builtInDefinitions.first { $0.name == tool })
        let request = StepRequest(
            taskID: "task_1", accountID: "acct_1", userID: "user_1", stepIndex: 0, tool: tool, capability: capability, input: input,
            mode: .sandbox, idempotencyKey: "task_1_step_0", sandbox: storage)
        return try await sandbox.respond(request, capability: try #require(definition.capability(capability)), input: input)
    }

    func gmailIDs(_ query: String, storage: InMemorySandboxStorage) async throws -> Set<String> {
        let found = try await call(EmailSandbox(now: { Self.now }), "email", "search_messages", ["q": .string(query)], storage: storage)
        return Set(found.value(at: "messages")?.arrayValue?.compactMap { $0.value(at: "id")?.stringValue } ?? [])
    }

    func header(_ message: JSONValue, _ name: String) -> String {
        message.value(at: "payload.headers")?.arrayValue?.first { $0.value(at: "name")?.stringValue == name }?.value(at: "value")?
            .stringValue ?? ""
    }

    @Test func gmail_search_understands_its_operators() async throws {
        let storage = InMemorySandboxStorage()
        #expect(try await gmailIDs("", storage: storage).count == 10)
        let messages = try await storage.all("messages")
        func ids(_ keep: (JSONValue) -> Bool) -> Set<String> { Set(messages.filter(keep).compactMap { $0.value(at: "id")?.stringValue }) }
        let june14 = Date(timeIntervalSince1970: 1_749_859_200)  // 2025-06-14 00:00 UTC
        func sent(_ message: JSONValue) -> Date {
            Date(timeIntervalSince1970: (Double(message.value(at: "internalDate")?.stringValue ?? "") ?? 0) / 1_000)
        }

        let recent = try await gmailIDs("after:2025/06/14", storage: storage)
        #expect(recent == ids { sent($0) >= june14 })
        #expect(!recent.isEmpty && recent.count < 10)
        #expect(try await gmailIDs("before:2025-06-14", storage: storage) == ids { sent($0) < june14 })
        #expect(
            try await gmailIDs("after:2025/06/13 before:2025/06/14", storage: storage)
                == ids { sent($0) < june14 && sent($0) >= june14 - 86_400 })
        #expect(try await gmailIDs("newer_than:2d", storage: storage) == ids { sent($0) >= Self.now - 2 * 86_400 })

        #expect(try await gmailIDs("is:unread", storage: storage).count == 3)
        #expect(try await gmailIDs("-is:unread", storage: storage).count == 7)
        let fromAnn = try await gmailIDs("from:ann", storage: storage)
        #expect(fromAnn == ids { header($0, "From") == "ann@acme.example" })
        #expect(
            try await gmailIDs("from:ann OR from:ben", storage: storage)
                == ids { ["ann@acme.example", "ben@initech.example"].contains(header($0, "From")) })
        #expect(try await gmailIDs("to:me", storage: storage).count == 10)

        // Plain words in any order, anywhere in the headers or text; a quoted phrase in order.
        let subject = try #require(messages.map { header($0, "Subject") }.first { $0.split(separator: " ").count == 2 })
        let words = subject.split(separator: " ")
        let withSubject = ids { header($0, "Subject") == subject }
        #expect(try await gmailIDs("\(words[1]) \(words[0])", storage: storage).isSuperset(of: withSubject))
        #expect(try await gmailIDs("subject:\"\(subject)\" after:2020/01/01", storage: storage) == withSubject)
        #expect(try await gmailIDs("\"\(words[1]) \(words[0])\"", storage: storage).isDisjoint(with: withSubject))
        // The message's JSON keys are not its text, and every word must match.
        #expect(try await gmailIDs("payload", storage: storage).isEmpty)
        #expect(try await gmailIDs("from:ann zebra", storage: storage).isEmpty)

        // Newest first, as Gmail lists them.
        let listed = try await call(
            EmailSandbox(now: { Self.now }), "email", "search_messages", ["q": .string("in:inbox")], storage: storage)
        let order = listed.value(at: "messages")?.arrayValue?.compactMap { $0.value(at: "id")?.stringValue } ?? []
        let newestFirst = messages.sorted { sent($0) > sent($1) }.compactMap { $0.value(at: "id")?.stringValue }
        #expect(order == newestFirst)
    }

    /// Tests and agents ask about one sender's mail ("forward the latest email from ann@…"): whatever the
    /// account, every seeded sender has at least two messages.
    @Test func every_seeded_sender_has_mail_in_every_account() async throws {
        let definition = try #require(ToolCatalog.builtInDefinitions.first { $0.name == "email" })
        for account in 0..<200 {
            let storage = InMemorySandboxStorage()
            let request = StepRequest(
                taskID: "task_1", accountID: "acct_\(account)", userID: "user_123", stepIndex: 0, tool: "email",
                capability: "search_messages", input: [:], mode: .sandbox, idempotencyKey: "task_1_step_0", sandbox: storage)
            _ = try await EmailSandbox(now: { Self.now }).respond(
                request, capability: try #require(definition.capability("search_messages")), input: [:])
            let senders = try await storage.all("messages").map { header($0, "From") }
            for sender in ["ann@acme.example", "billing@globex.example", "ben@initech.example", "team@hooli.example"] {
                #expect(senders.filter { $0 == sender }.count >= 2, "acct_\(account): \(senders)")
            }
        }
    }

    @Test func hubspot_search_matches_each_word_across_the_searchable_properties() async throws {
        let storage = InMemorySandboxStorage()
        let crm = CRMSandbox(now: { Self.now })
        func search(_ query: String) async throws -> [JSONValue] {
            try await call(crm, "crm", "search_contacts", ["query": .string(query)], storage: storage).value(at: "results")?.arrayValue
                ?? []
        }
        let everyone = try await call(crm, "crm", "list_contacts", [:], storage: storage).value(at: "results")?.arrayValue ?? []
        let someone = try #require(everyone.first)
        let first = try #require(someone.value(at: "properties.firstname")?.stringValue)
        let last = try #require(someone.value(at: "properties.lastname")?.stringValue)
        let company = try #require(someone.value(at: "properties.company")?.stringValue)

        for query in ["\(first) \(last)", "\(last) \(first)", "\(first.lowercased()) \(company)"] {
            let found = try await search(query)
            #expect(found.contains { $0.value(at: "id") == someone.value(at: "id") }, "\(query)")
            #expect(found.allSatisfy { $0.value(at: "properties.firstname")?.stringValue == first }, "\(query)")
        }
        #expect(try await search("\(first) Nobodyson").isEmpty)
        // lifecyclestage is not one of HubSpot's default searchable properties.
        #expect(try await search("customer").isEmpty)
        let deals = try await call(crm, "crm", "search_deals", ["query": .string("closedwon")], storage: storage)
        #expect(deals.value(at: "total") == .number(1))
    }

    @Test func stripe_paid_invoices_carry_a_payment_intent_that_refunds() async throws {
        let storage = InMemorySandboxStorage()
        let payments = PaymentsSandbox(now: { Self.now })
        let invoices = try await call(payments, "payments", "list_invoices", [:], storage: storage).value(at: "data")?.arrayValue ?? []
        #expect(invoices.count == 15)
        let intents = try await storage.all("payment_intents")
        for invoice in invoices {
            let intent = try #require(intents.first { $0.value(at: "id") == invoice.value(at: "payment_intent") })
            #expect(intent.value(at: "invoice") == invoice.value(at: "id"))
            #expect(intent.value(at: "customer") == invoice.value(at: "customer"))
            let paid = invoice.value(at: "status") == .string("paid")
            #expect(intent.value(at: "status") == .string(paid ? "succeeded" : "requires_payment_method"))
            #expect(intent.value(at: "amount_received") == invoice.value(at: "amount_paid"))
        }

        let paid = try #require(invoices.first { $0.value(at: "status") == .string("paid") })
        let refund = try await call(
            payments, "payments", "create_refund", ["payment_intent": paid.value(at: "payment_intent") ?? .null], storage: storage)
        #expect(refund.value(at: "status") == .string("succeeded"))
        #expect(refund.value(at: "amount") == paid.value(at: "amount_paid"))

        let open = try #require(invoices.first { $0.value(at: "status") == .string("open") })
        await #expect(throws: ToolFailure.self) {
            _ = try await call(
                payments, "payments", "create_refund", ["payment_intent": open.value(at: "payment_intent") ?? .null], storage: storage)
        }
    }

    @Test func a_planned_refund_by_invoice_runs_in_test_mode() async throws {
        guard case .result(let refund) = await SandboxRehearsal.run("refund Ben Chen's last invoice") else {
            Issue.record("expected a refund")
            return
        }
        #expect(refund.value(at: "object") == .string("refund"))
        #expect(refund.value(at: "status") == .string("succeeded"))
        #expect(refund.value(at: "payment_intent")?.stringValue?.hasPrefix("pi_") == true)
    }

    @Test func a_planned_date_filtered_email_search_finds_this_weeks_mail() async throws {
        guard case .result(let found) = await SandboxRehearsal.run("any emails from ann this week?") else {
            Issue.record("expected messages")
            return
        }
        // The planner writes the week as after:/before: dates (Gmail's q), which the sandbox now reads.
        #expect(found.arrayValue?.isEmpty == false, "\(found)")
    }

    func driveNames(_ query: String, storage: InMemorySandboxStorage) async throws -> Set<String> {
        let found = try await call(StorageSandbox(now: { Self.now }), "storage", "list_files", ["q": .string(query)], storage: storage)
        return Set(found.value(at: "files")?.arrayValue?.compactMap { $0.value(at: "name")?.stringValue } ?? [])
    }

    @Test func drive_queries_filter_by_name_type_text_and_time_as_drive_does() async throws {
        let storage = InMemorySandboxStorage()
        #expect(try await driveNames("mimeType = 'application/pdf'", storage: storage) == ["Q3 board report.pdf"])
        #expect(try await driveNames("mimeType contains 'image/' and trashed = false", storage: storage) == ["Team photo.jpg"])
        #expect(
            try await driveNames("name contains 'report' or name contains 'BUDGET'", storage: storage) == [
                "Q3 board report.pdf", "Budget.xlsx",
            ])
        #expect(try await driveNames("fullText contains 'ship friday'", storage: storage) == ["Meeting notes.txt"])
        #expect(try await driveNames("name contains 'notes' and not mimeType = 'text/plain'", storage: storage).isEmpty)
        #expect(try await driveNames("name = 'Roadmap 2026.docx'", storage: storage) == ["Roadmap 2026.docx"])
        #expect(try await driveNames("name contains 'and or'", storage: storage).isEmpty, "joiners inside a value are the value")
        #expect(try await driveNames("modifiedTime > '2099-01-01T00:00:00Z'", storage: storage).isEmpty)
        #expect(try await driveNames("", storage: storage).count == 6)
        #expect(try await driveNames("owner is me", storage: storage).isEmpty, "a query Drive would refuse finds nothing, not everything")
    }

    @Test func slack_history_is_newest_first_and_honours_its_limit() async throws {
        let storage = InMemorySandboxStorage()
        let chat = ChatSandbox(now: { Self.now })
        let channels = try await call(chat, "chat", "list_channels", [:], storage: storage)
        let general = try #require(
            channels.value(at: "channels")?.arrayValue?.first { $0.value(at: "name") == .string("general") }?.value(at: "id"))
        _ = try await call(chat, "chat", "post_message", ["channel": general, "text": .string("newest")], storage: storage)
        let all = try await call(chat, "chat", "list_messages", ["channel": general], storage: storage)
        let stamps = all.value(at: "messages")?.arrayValue?.compactMap { $0.value(at: "ts")?.stringValue.flatMap(Double.init) } ?? []
        #expect(stamps.count == 3 && stamps == stamps.sorted(by: >), "\(stamps)")
        let latest = try await call(chat, "chat", "list_messages", ["channel": general, "limit": .number(1)], storage: storage)
        #expect(latest.value(at: "messages")?.arrayValue?.map { $0.value(at: "text") } == [.string("newest")])
        #expect(latest.value(at: "has_more") == .bool(true))
    }

    @Test func hubspot_refuses_a_deal_stage_its_pipeline_does_not_have() async throws {
        let storage = InMemorySandboxStorage()
        let crm = CRMSandbox(now: { Self.now })
        let deals = try await call(crm, "crm", "list_deals", [:], storage: storage)
        let id = try #require(deals.value(at: "results")?.arrayValue?.first?.value(at: "id"))
        await #expect(throws: ToolFailure.self) {
            _ = try await call(
                crm, "crm", "update_deal", ["id": id, "properties": .object(["dealstage": .string("banana")])], storage: storage)
        }
        await #expect(throws: ToolFailure.self) {
            _ = try await call(
                crm, "crm", "create_deal", ["properties": .object(["dealname": .string("X"), "dealstage": .string("banana")])],
                storage: storage)
        }
        let stored = try await storage.all("deals").first { $0.value(at: "id") == id }
        #expect(stored?.value(at: "properties.dealstage") != .string("banana"))
        #expect(try await storage.all("deals").count == deals.value(at: "results")?.arrayValue?.count)
        let moved = try await call(
            crm, "crm", "update_deal", ["id": id, "properties": .object(["dealstage": .string("closedwon")])], storage: storage)
        #expect(moved.value(at: "properties.dealstage") == .string("closedwon"))
    }

    /// "Create a deal named Initech expansion worth $12,000": made without a stage, later lists showed it with stage
    /// null; HubSpot puts it in the default pipeline's first stage.
    @Test func a_deal_made_without_a_stage_is_in_the_default_pipelines_first_stage() async throws {
        let storage = InMemorySandboxStorage()
        let crm = CRMSandbox(now: { Self.now })
        let made = try await call(
            crm, "crm", "create_deal",
            ["properties": .object(["dealname": .string("Initech expansion"), "amount": .string("12000")])], storage: storage)
        #expect(made.value(at: "properties.dealstage") == .string("appointmentscheduled"))
        #expect(made.value(at: "properties.pipeline") == .string("default"))
        #expect(made.value(at: "properties.hs_is_closed") == .string("false"))
        let won = try await call(
            crm, "crm", "create_deal",
            ["properties": .object(["dealname": .string("Hooli"), "dealstage": .string("closedwon")])], storage: storage)
        #expect(won.value(at: "properties.dealstage") == .string("closedwon"))
    }
}
