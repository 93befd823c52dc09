import PlotonAPI
import PlotonCore
import SQLKit
import Testing
import VaporTesting

@testable import PlotonServer

/// A create learns whether its account environment has custom tools from its key's statement
/// (`ToolRegistry.joinedProbe`), not from a statement of its own: a tool registered or deleted
/// through the API counts from the very next task on.
@Suite struct CustomToolProbeTests {
    @Test func the_probe_finds_the_key_environments_custom_tools_and_the_next_task_sees_each_change() async throws {
        try await withPloton { t async throws in
            #expect(try await t.probe(key: t.testKey) == false)
            let pinned = #"{"prompt":"List all contacts","tool":"internal-crm"}"#
            #expect(try await t.send(.POST, "v1/tasks", key: t.testKey, json: pinned).status == .unprocessableEntity, "an unknown tool")

            let registered = try await t.send(.POST, "v1/tools", key: t.testKey, json: ToolsAPITests.definition())
            #expect(registered.status == .created)
            #expect(try await t.probe(key: t.testKey) == true)
            #expect(try await t.probe(key: t.liveKey) == false, "the live environment has none")
            #expect(try await t.send(.POST, "v1/tasks", key: t.testKey, json: pinned).status == .created)

            #expect(try await t.send(.DELETE, "v1/tools/internal-crm", key: t.testKey).status == .ok)
            #expect(try await t.probe(key: t.testKey) == false)
            #expect(try await t.send(.POST, "v1/tasks", key: t.testKey, json: pinned).status == .unprocessableEntity, "an unknown tool")
        }
    }

    /// On PostgreSQL a create whose key the process trusts runs no key statement: the account's
    /// room, read before the task runs at its create, answers the probe instead (`TaskService.create`).
    @Test func the_rooms_read_tells_whether_the_account_environment_has_custom_tools() async throws {
        try await withPloton { t async throws in
            func hasCustomTools(_ environment: PlotonEnvironment) async throws -> Bool? {
                let task = AgentTask(accountID: t.accountID, environment: environment, prompt: "p", now: t.clock.now)
                let admission = TaskAdmission(database: t.db, settings: t.app.ploton.config.tasks, now: t.clock.now)
                return try await admission.room(for: task, probingCustomTools: true).hasCustomTools
            }
            #expect(try await hasCustomTools(.test) == false)
            #expect(try await t.send(.POST, "v1/tools", key: t.testKey, json: ToolsAPITests.definition()).status == .created)
            #expect(try await hasCustomTools(.test) == true)
            #expect(try await hasCustomTools(.live) == false, "the live environment has none")
            // A create right after, with the key trusted since the registration, is planned and stored.
            let created = try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"What is the weather in Paris?"}"#)
            #expect(created.status == .created)
        }
    }
}

extension TestApp {
    /// Whether `key`'s lookup, joined to the probe as `POST /v1/tasks` makes it, found a custom tool.
    fileprivate func probe(key: String) async throws -> Bool {
        let secret = try #require(APIKeySecret(parsing: key))
        return try await KeyLookup(database: db, now: clock.now).principal(for: secret, joining: ToolRegistry.joinedProbe).get().1 != nil
    }
}
