import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

@Suite struct ToolsAPITests {
    static func definition(baseURL: String = "https://crm.example.com/api", auth: String = #"{"type":"api_key","header":"X-Api-Key"}"#)
        -> String
    {
        """
        {"name":"internal-crm","description":"Our CRM","base_url":"\(baseURL)","auth":\(auth),
         "capabilities":[
           {"name":"list_contacts","description":"List contacts","method":"GET","path":"/contacts",
            "result_path":"data","pagination":{"cursor_path":"next","cursor_param":"after"}},
           {"name":"get_contact","description":"Get a contact by id","method":"GET","path":"/contacts/{id}",
            "parameters":{"id":{"type":"string","required":true,"in":"path"}}},
           {"name":"create_note","description":"Create a note","method":"POST","path":"/notes","side_effect":true,
            "parameters":{"text":{"type":"string","required":true}}}]}
        """
    }

    @Test func registering_reading_updating_and_deleting_a_custom_tool() async throws {
        try await withPloton { t async throws in
            let created = try await t.send(.POST, "v1/tools", key: t.testKey, json: Self.definition())
            #expect(created.status == .created, "\(created.body.string)")
            let tool = try created.object
            #expect(tool["object"] as? String == "tool")
            #expect(tool["type"] as? String == "custom")
            #expect(tool["name"] as? String == "internal-crm")
            #expect((tool["capabilities"] as? [Any])?.count == 3)
            #expect(tool["credentials_configured"] as? Bool == false)

            let shown = try await t.send(.GET, "v1/tools/internal-crm", key: t.testKey).object
            #expect(shown["base_url"] as? String == "https://crm.example.com/api")

            let patched = try await t.send(
                .PATCH, "v1/tools/internal-crm", key: t.testKey, json: #"{"description":"The CRM","version":"2.0.0"}"#)
            #expect(patched.status == .ok)
            #expect(try patched.object["description"] as? String == "The CRM")
            #expect(try patched.object["version"] as? String == "2.0.0")
            let badPatch = try await t.send(.PATCH, "v1/tools/internal-crm", key: t.testKey, json: #"{"base_url":"nope"}"#)
            #expect(badPatch.errorCode == "validation_error")
            #expect(try badPatch.error["param"] as? String == "base_url")

            // Tools belong to one environment.
            #expect(try await t.send(.GET, "v1/tools/internal-crm", key: t.liveKey).status == .notFound)

            let deleted = try await t.send(.DELETE, "v1/tools/internal-crm", key: t.testKey)
            #expect(try deleted.object["deleted"] as? Bool == true)
            #expect(try await t.send(.GET, "v1/tools/internal-crm", key: t.testKey).status == .notFound)
            #expect(try await CustomTool.query(on: t.db).count() == 0)
        }
    }

    @Test func the_catalogue_lists_built_in_and_custom_tools_by_type() async throws {
        try await withPloton { t async throws in
            try await t.send(.POST, "v1/tools", key: t.testKey, json: Self.definition())
            func names(_ query: String) async throws -> [String] {
                let list = try await t.send(.GET, "v1/tools\(query)", key: t.testKey).object
                return (list["data"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
            }
            #expect(try await names("") == ToolCatalog.builtInDefinitions.map(\.name) + ["internal-crm"])
            #expect(try await names("?type=builtin") == ["weather", "crm", "payments", "chat", "email", "calendar", "storage"])
            #expect(try await names("?type=custom") == ["internal-crm"])
            #expect(try await names("?limit=1&offset=7") == ["internal-crm"])
            #expect(try await t.send(.GET, "v1/tools?type=other", key: t.testKey).errorCode == "validation_error")
            let weather = try await t.send(.GET, "v1/tools/weather", key: t.testKey).object
            #expect(weather["type"] as? String == "builtin")
            #expect(weather["sandbox"] as? Bool == true)
            #expect(try await t.send(.DELETE, "v1/tools/weather", key: t.testKey).errorCode == "forbidden")
            #expect(try await t.send(.PATCH, "v1/tools/weather", key: t.testKey, json: "{}").errorCode == "forbidden")
        }
    }

    @Test func bad_definitions_name_the_field_and_store_nothing() async throws {
        try await withPloton { t async throws in
            let cases: [(String, String, String)] = [
                (#"{"base_url":"https://x.example","capabilities":[]}"#, "invalid_request", "name"),
                (
                    #"{"name":"x1","base_url":"https://x.example","capabilities":[{"name":"a","path":"/a","method":"FETCH"}]}"#,
                    "validation_error", "capabilities[0].method"
                ),
                (
                    #"{"name":"weather","base_url":"https://x.example","capabilities":[{"name":"a","path":"/a"}]}"#, "validation_error",
                    "name"
                ),
                (
                    #"{"name":"x1","base_url":"https://x.example","capabilities":[{"name":"a","path":"/a"}],"secret":"s"}"#,
                    "invalid_request", "secret"
                ),
                // PostgreSQL's jsonb cannot hold U+0000: a 400 naming the field, not a 500 from the insert.
                (
                    #"{"name":"x1","base_url":"https://x.example","capabilities":[{"name":"a","path":"/a","description":"a\u0000b"}]}"#,
                    "validation_error", "capabilities[0].description"
                ),
            ]
            for (body, code, param) in cases {
                let response = try await t.send(.POST, "v1/tools", key: t.testKey, json: body)
                #expect(response.errorCode == code, "\(body)")
                #expect(try response.error["param"] as? String == param, "\(body)")
            }
            try await t.send(.POST, "v1/tools", key: t.testKey, json: Self.definition())
            let duplicate = try await t.send(.POST, "v1/tools", key: t.testKey, json: Self.definition())
            #expect(duplicate.errorCode == "validation_error")
            #expect(try await CustomTool.query(on: t.db).count() == 1)
        }
    }

    @Test func secrets_are_sealed_and_never_returned() async throws {
        try await withPloton { t async throws in
            let oauth =
                #"{"type":"oauth2","authorize_url":"https://a.example/authorize","token_url":"https://a.example/token","client_id":"cid","client_secret":"cs-very-secret"}"#
            let created = try await t.send(.POST, "v1/tools", key: t.testKey, json: Self.definition(auth: oauth))
            #expect(created.status == .created)
            #expect(!created.body.string.contains("cs-very-secret"))
            #expect((try created.object["auth"] as? [String: Any])?["client_secret_set"] as? Bool == true)
            let stored = try #require(try await CustomTool.query(on: t.db).first())
            #expect(stored.definition.auth.clientSecret == nil)
            #expect(!(try await DatabaseText.all(in: t.db)).contains { $0.text.contains("cs-very-secret") })
            #expect(stored.sealedClientSecret?.contains("cs-very-secret") == false)

            try await t.send(
                .POST, "v1/tools", key: t.testKey,
                json: Self.definition(auth: #"{"type":"api_key"}"#).replacingOccurrences(of: "internal-crm", with: "keyed"))
            let put = try await t.send(.PUT, "v1/tools/keyed/credentials", key: t.testKey, json: #"{"api_key":"sk-abc-123"}"#)
            #expect(put.status == .ok)
            #expect(try put.object["configured"] as? Bool == true)
            #expect(!put.body.string.contains("sk-abc-123"))
            let credential = try #require(try await ToolCredential.query(on: t.db).first())
            #expect(!credential.sealedSecret.contains("sk-abc-123"))
            for path in ["v1/tools/keyed", "v1/tools"] {
                let response = try await t.send(.GET, path, key: t.testKey)
                #expect(!response.body.string.contains("sk-abc-123") && !response.body.string.contains("cs-very-secret"))
            }
            #expect(try await t.send(.GET, "v1/tools/keyed", key: t.testKey).object["credentials_configured"] as? Bool == true)

            let wrongShape = try await t.send(.PUT, "v1/tools/keyed/credentials", key: t.testKey, json: #"{"token":"t"}"#)
            #expect(wrongShape.errorCode == "invalid_request")
            #expect(try wrongShape.error["param"] as? String == "api_key")
            let none = try await t.send(.PUT, "v1/tools/weather/credentials", key: t.testKey, json: #"{"api_key":"x"}"#)
            #expect(none.errorCode == "validation_error")
        }
    }
}
