import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import SQLKit
import Testing
import VaporTesting

@testable import PlotonServer

/// Stored JSON is typed in the models: `jsonb` on PostgreSQL (converted from the text earlier
/// versions wrote), JSON text on SQLite, and a stored value that does not decode is an error.
@Suite struct StoredJSONTests {
    @Test func json_written_as_text_by_earlier_versions_reads_through_the_models_after_the_migration() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let now = t.clock.now
            let definition = try ToolDefinitionValidator.decode(try #require(JSONValue.parse(ToolsAPITests.definition())))
            try await CustomTool(accountID: t.accountID, environment: .test, definition: definition, now: now).create(on: t.db)
            try await Subagent(accountID: t.accountID, environment: .test, name: "desk", prompt: "p", tools: [], now: now).create(on: t.db)
            try await WebhookEndpoint(
                accountID: t.accountID, environment: .test, url: "https://hooks.example/in", events: [], description: nil, now: now
            ).create(on: t.db)
            try await Connection(accountID: t.accountID, environment: .test, userID: "u1", tool: "crm", kind: .oauth2, now: now).create(
                on: t.db)
            try await AuthSession(
                accountID: t.accountID, environment: .test, userID: "u1", tool: "crm", scopes: [], taskID: nil, redirectURL: nil,
                expiresAt: now, now: now
            ).create(on: t.db)
            try await SandboxGrant(kind: .code, token: "c", tool: "crm", subject: "u1", scopes: [], expiresAt: now, now: now).create(
                on: t.db)
            let record = SandboxRecord()
            (record.$account.id, record.environment, record.userKey, record.tool) = (t.accountID, PlotonEnvironment.test, "u1", "crm")
            (record.collection, record.recordID, record.position, record.data) = ("contacts", "c1", 1, StoredJSON(.object([:])))
            try await record.create(on: t.db)

            // Back to the schema before the migration, with each column as the earlier code wrote it.
            let migration = UpdateStoredJSONToJSONB()
            try await migration.revert(on: t.db)
            try await sql.delete(from: "_fluent_migrations").where("name", .equal, migration.name).run()
            let legacy: [String: String] = [
                "tools": #"["weather","crm"]"#, "scopes": #"["contacts.read","deals.write"]"#, "events": #"["task.complete"]"#,
                "definition": String(decoding: try JSONEncoder().encode(definition), as: UTF8.self),
                "data": #"{"id":"c1","name":"Ada","tags":["a",1,true,null]}"#,
            ]
            for (table, column) in UpdateStoredJSONToJSONB.columns {
                try await sql.update(table).set(SQLIdentifier(column), to: SQLBind(legacy[column])).run()
            }

            try await migrate(t.app)
            if TestDatabase.isPostgres {
                for (table, column) in UpdateStoredJSONToJSONB.columns {
                    let type = try await sql.raw(
                        "SELECT data_type::text AS type FROM information_schema.columns WHERE table_name = \(bind: table) AND column_name = \(bind: column)"
                    ).first()?.decode(column: "type", as: String.self)
                    #expect(type == "jsonb", "\(table).\(column)")
                }
            }
            let scopes = ["contacts.read", "deals.write"]
            #expect(try await Subagent.query(on: t.db).first()?.tools == ["weather", "crm"])
            #expect(try await WebhookEndpoint.query(on: t.db).first()?.events == ["task.complete"])
            #expect(try await CustomTool.query(on: t.db).first()?.definition == definition)
            #expect(try await Connection.query(on: t.db).first()?.scopes == scopes)
            #expect(try await AuthSession.query(on: t.db).first()?.scopes == scopes)
            #expect(try await SandboxGrant.query(on: t.db).first()?.scopes == scopes)
            #expect(
                try await SandboxRecord.query(on: t.db).first()?.data.value
                    == .object([
                        "id": .string("c1"), "name": .string("Ada"), "tags": .array([.string("a"), .number(1), .bool(true), .null]),
                    ]))

            let endpoints = try await t.send(.GET, "v1/webhook_endpoints", key: t.testKey).object["data"] as? [[String: Any]]
            #expect(endpoints?.first?["events"] as? [String] == ["task.complete"])
            let tool = try await t.send(.GET, "v1/tools/internal-crm", key: t.testKey)
            #expect(tool.status == .ok)
            #expect((try tool.object["capabilities"] as? [Any])?.count == 3)
        }
    }

    @Test func a_stored_value_that_does_not_decode_is_an_internal_error_not_a_default() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            try await WebhookEndpoint(
                accountID: t.accountID, environment: .test, url: "https://hooks.example/in", events: ["*"], description: nil,
                now: t.clock.now
            ).create(on: t.db)
            // Valid JSON (PostgreSQL's jsonb accepts it) of the wrong shape: an object, not a list.
            let wrong: SQLQueryString = TestDatabase.isPostgres ? #"'{"all":true}'::jsonb"# : #"'{"all":true}'"#
            try await sql.raw("UPDATE webhook_endpoints SET events = \(wrong)").run()

            let listed = try await t.send(.GET, "v1/webhook_endpoints", key: t.testKey)
            #expect(listed.status == .internalServerError && listed.errorCode == "internal_error", "\(listed.body.string)")
        }
    }

    @Test func an_unknown_stored_status_is_an_internal_error_not_a_default() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            try await Connection(accountID: t.accountID, environment: .test, userID: "u1", tool: "crm", kind: .oauth2, now: t.clock.now)
                .create(on: t.db)
            try await sql.update(Connection.schema).set("status", to: SQLBind("paused")).run()
            let connections = try await t.send(.GET, "v1/connections", key: t.testKey)
            #expect(connections.status == .internalServerError && connections.errorCode == "internal_error")
        }
    }
}
