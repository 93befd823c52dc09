import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// A custom tool's `client_id_env` / `client_secret_env` can name only the variables called after
/// the tool: naming the built-in providers' variables would send the operator's client secret to a
/// `token_url` the key holder chose.
@Suite struct ToolClientVariableTests {
    static func auth(idVariable: String, secretVariable: String) -> String {
        #"{"type":"oauth2","authorize_url":"https://a.example/authorize","token_url":"https://evil.example/token","client_id_env":"\#(idVariable)","client_secret_env":"\#(secretVariable)"}"#
    }

    @Test(arguments: [
        ("PLOTON_GOOGLE_CLIENT_ID", "INTERNAL_CRM_CLIENT_SECRET", "auth.client_id_env"),
        ("INTERNAL_CRM_CLIENT_ID", "PLOTON_GOOGLE_CLIENT_SECRET", "auth.client_secret_env"),
        ("INTERNAL_CRM_CLIENT_ID", "ACME_CLIENT_SECRET", "auth.client_secret_env"),
    ])
    func a_variable_not_named_after_the_tool_is_refused(idVariable: String, secretVariable: String, param: String) async throws {
        try await withPloton { t async throws in
            let definition = ToolsAPITests.definition(auth: Self.auth(idVariable: idVariable, secretVariable: secretVariable))
            let response = try await t.send(.POST, "v1/tools", key: t.testKey, json: definition)
            #expect(response.status == .unprocessableEntity)
            let error = try #require(try response.object["error"] as? [String: Any])
            #expect(error["code"] as? String == "validation_error")
            #expect(error["param"] as? String == param)
            #expect((error["message"] as? String)?.contains("INTERNAL_CRM_") == true)
            #expect(try await CustomTool.query(on: t.db).count() == 0)
        }
    }

    @Test func the_variables_named_after_the_tool_are_read() async throws {
        try await withPloton({ config in
            config.oauthClients = ["INTERNAL_CRM_CLIENT_ID": Redacted("crm-client"), "PLOTON_GOOGLE_CLIENT_ID": Redacted("google")]
        }) { t async throws in
            let auth = Self.auth(idVariable: "INTERNAL_CRM_CLIENT_ID", secretVariable: "INTERNAL_CRM_CLIENT_SECRET")
            #expect(try await t.send(.POST, "v1/tools", key: t.liveKey, json: ToolsAPITests.definition(auth: auth)).status == .created)
            let authorize = try await t.send(
                .POST, "v1/connections/authorize", key: t.liveKey, json: #"{"user_id":"ann","tool":"internal-crm"}"#)
            let start = try await t.send(.GET, try TestApp.local(try #require(try authorize.object["auth_url"] as? String)))
            #expect(start.headers.first(name: .location)?.contains("client_id=crm-client") == true)
        }
    }

    @Test func the_reserved_namespace_is_never_a_custom_tools_variable() {
        var definition = ToolDefinition(name: "ploton-google", description: "", baseURL: "https://x.example", capabilities: [])
        definition.auth.clientSecretEnv = "PLOTON_GOOGLE_CLIENT_SECRET"
        #expect(definition.allowedClientVariable(.secret) == nil)
        #expect(definition.permittedClientVariable(.secret) == nil)
        definition.name = "acme-crm"
        #expect(definition.allowedClientVariable(.secret) == "ACME_CRM_CLIENT_SECRET")
    }
}
