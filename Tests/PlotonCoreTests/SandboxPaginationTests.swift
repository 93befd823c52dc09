import Foundation
import PlotonCore
import Testing

/// Sandboxes answer like their providers, paging envelopes included.
@Suite struct SandboxPaginationTests {
    typealias MemoryStorage = InMemorySandboxStorage

    func request(_ tool: String, _ capability: String, _ input: [String: JSONValue] = [:], storage: MemoryStorage) -> StepRequest {
        StepRequest(
            taskID: "task_1", accountID: "acct_1", userID: "user_1", stepIndex: 0, tool: tool, capability: capability, input: input,
            mode: .sandbox, idempotencyKey: "task_1_step_0", sandbox: storage)
    }

    func definition(_ name: String) throws -> ToolDefinition {
        try #require(ToolCatalog.builtInDefinitions.first { $0.name == name })
    }

    @Test func hubspot_lists_page_with_after_cursors() async throws {
        let storage = MemoryStorage()
        let crm = try definition("crm")
        let capability = try #require(crm.capability("list_deals"))
        let first = try await CRMSandbox().respond(
            request("crm", "list_deals", storage: storage), capability: capability, input: ["limit": .number(3)])
        #expect(first.value(at: "results")?.arrayValue?.count == 3)
        #expect(first.value(at: "paging.next.after") == .string("3"))
        let last = try await CRMSandbox().respond(
            request("crm", "list_deals", storage: storage), capability: capability, input: ["limit": .number(3), "after": .string("6")])
        #expect(last.value(at: "results")?.arrayValue?.count == 2)
        #expect(last.value(at: "paging") == nil)

        // Run through the definition, the pages are followed and joined, as for live keys: all of them when the step
        // leaves the limit to its default page size, as many as it asked for when it sets one ("the last 3 deals").
        let tool = SandboxedTool(definition: crm, sandbox: CRMSandbox())
        var paged = crm
        let index = try #require(paged.capabilities.firstIndex { $0.name == "list_deals" })
        paged.capabilities[index].parameters["limit"]?.default = .number(3)
        let outcome = try await SandboxedTool(definition: paged, sandbox: CRMSandbox()).execute(
            request("crm", "list_deals", storage: storage))
        guard case .completed(let deals) = outcome else { Issue.record("expected a result"); return }
        #expect(deals.arrayValue?.count == 8)
        #expect(Set(deals.arrayValue?.compactMap { $0.value(at: "id")?.stringValue } ?? []).count == 8)
        guard case .completed(let three) = try await tool.execute(request("crm", "list_deals", ["limit": .number(3)], storage: storage))
        else { Issue.record("expected a result"); return }
        #expect(
            three.arrayValue?.compactMap { $0.value(at: "id")?.stringValue }
                == deals.arrayValue?.prefix(3).compactMap {
                    $0.value(at: "id")?.stringValue
                })
    }

    @Test func slack_channels_page_and_find_filters_across_pages() async throws {
        let storage = MemoryStorage()
        let tool = SandboxedTool(definition: try definition("chat"), sandbox: ChatSandbox())
        guard case .completed(let all) = try await tool.execute(request("chat", "list_channels", ["limit": .number(2)], storage: storage))
        else {
            Issue.record("expected a result")
            return
        }
        #expect(all.arrayValue?.count == 5)
        guard
            case .completed(let found) = try await tool.execute(
                request("chat", "find_channel", ["name": .string("random"), "limit": .number(2)], storage: storage))
        else { Issue.record("expected a result"); return }
        #expect(found.arrayValue?.compactMap { $0.value(at: "name")?.stringValue } == ["random"])
        await #expect(throws: ToolFailure.self) {
            _ = try await tool.execute(
                request("chat", "post_message", ["channel": .string("nope"), "text": .string("hi")], storage: storage))
        }
    }

    @Test func slack_reads_a_channels_messages_by_id_only() async throws {
        let storage = MemoryStorage()
        let tool = SandboxedTool(definition: try definition("chat"), sandbox: ChatSandbox())
        guard
            case .completed(let found) = try await tool.execute(
                request("chat", "find_channel", ["name": .string("random")], storage: storage)),
            let id = found.arrayValue?.first?.value(at: "id")?.stringValue
        else {
            Issue.record("expected the channel")
            return
        }
        guard
            case .completed(let messages) = try await tool.execute(
                request("chat", "list_messages", ["channel": .string(id)], storage: storage))
        else {
            Issue.record("expected its messages")
            return
        }
        #expect(messages.arrayValue?.count == 2)
        // conversations.history answers a name channel_not_found, as Slack does.
        for name in ["random", "#random"] {
            await #expect(throws: ToolFailure.self) {
                _ = try await tool.execute(request("chat", "list_messages", ["channel": .string(name)], storage: storage))
            }
        }
    }

    /// conversations.history's `oldest` and `latest` (Unix seconds, each left out) bound the messages read.
    @Test func slack_reads_a_channels_messages_between_two_times() async throws {
        let storage = MemoryStorage()
        let seededAt = Date(timeIntervalSince1970: 1_796_630_400)  // messages an hour and two hours before
        let tool = SandboxedTool(definition: try definition("chat"), sandbox: ChatSandbox(now: { seededAt }))
        guard
            case .completed(let found) = try await tool.execute(
                request("chat", "find_channel", ["name": .string("general")], storage: storage)),
            let id = found.arrayValue?.first?.value(at: "id")?.stringValue
        else {
            Issue.record("expected the channel")
            return
        }
        func times(_ bounds: [String: JSONValue]) async throws -> [String] {
            let input = bounds.merging(["channel": .string(id)]) { _, new in new }
            guard case .completed(let messages) = try await tool.execute(request("chat", "list_messages", input, storage: storage)) else {
                return []
            }
            return messages.arrayValue?.compactMap { $0.value(at: "ts")?.stringValue } ?? []
        }
        let hourAgo = "1796626800.000000"
        let twoHoursAgo = "1796623200.000000"
        #expect(try await times([:]) == [hourAgo, twoHoursAgo])
        #expect(try await times(["oldest": .string("1796625000")]) == [hourAgo])
        #expect(try await times(["latest": .string("1796625000")]) == [twoHoursAgo])
        #expect(try await times(["oldest": .string(twoHoursAgo)]) == [hourAgo])
        #expect(try await times(["oldest": .number(1_796_630_000)]) == [])
    }

    /// "My next 2 meetings", "my latest 3 emails": the count a step sets is how many come back, though the sandbox
    /// (as Google does) pages by it and has more.
    @Test func google_lists_return_as_many_as_the_step_asks() async throws {
        for (tool, capability, sandbox): (String, String, any ProviderSandbox) in [
            ("calendar", "list_events", CalendarSandbox()), ("email", "search_messages", EmailSandbox()),
        ] {
            let storage = MemoryStorage()
            let runner = SandboxedTool(definition: try definition(tool), sandbox: sandbox)
            guard case .completed(let all) = try await runner.execute(request(tool, capability, storage: storage)),
                case .completed(let two) = try await runner.execute(request(tool, capability, ["maxResults": .number(2)], storage: storage))
            else {
                Issue.record("expected results")
                return
            }
            #expect((all.arrayValue?.count ?? 0) > 2, "\(tool) seeds more than two")
            #expect(two.arrayValue?.count == 2, "\(tool).\(capability)")
            #expect(two.arrayValue == all.arrayValue.map { Array($0.prefix(2)) })
        }
    }

    @Test func stripe_lists_say_has_more_and_google_lists_carry_page_tokens() async throws {
        let storage = MemoryStorage()
        let payments = try definition("payments")
        let invoices = try await PaymentsSandbox().respond(
            request("payments", "list_invoices", storage: storage), capability: try #require(payments.capability("list_invoices")),
            input: ["limit": .number(2)])
        #expect(invoices.value(at: "object") == .string("list"))
        #expect(invoices.value(at: "has_more") == .bool(true))
        let drive = try definition("storage")
        let driveStorage = MemoryStorage()  // one storage per tool, as the server keeps them
        let files = try await StorageSandbox().respond(
            request("storage", "list_files", storage: driveStorage), capability: try #require(drive.capability("list_files")),
            input: ["pageSize": .number(4)])
        #expect(files.value(at: "nextPageToken") == .string("4"))
        // A definition without a page-size parameter follows the tokens to the last page; with one (`size_param`,
        // as the built-in storage has), a step that sets it gets that many and no more pages.
        var following = drive
        let index = try #require(following.capabilities.firstIndex { $0.name == "list_files" })
        following.capabilities[index].pagination?.sizeParam = nil
        for (definition, expected) in [(following, 6), (drive, 4)] {
            let tool = SandboxedTool(definition: definition, sandbox: StorageSandbox())
            guard
                case .completed(let all) = try await tool.execute(
                    request("storage", "list_files", ["pageSize": .number(4)], storage: driveStorage))
            else {
                Issue.record("expected a result")
                return
            }
            #expect(all.arrayValue?.count == expected)
        }
    }
}
