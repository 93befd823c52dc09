import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// SwiftNIO traps on a header name outside ASCII: a custom tool's header parameter named "é" took the
/// process down on its first call, and again after every restart while its task was retried.
@Suite struct ToolHeaderNameTests {
    static func definition(parameter: String = "X-Tag", authHeader: String = "X-Api-Key", baseURL: String) -> String {
        """
        {"name":"hx","base_url":"\(baseURL)","auth":{"type":"api_key","header":"\(authHeader)"},
         "capabilities":[{"name":"get","description":"Get","method":"GET","path":"/x",
           "parameters":{"\(parameter)":{"type":"string","required":true,"in":"header"}}}]}
        """
    }

    @Test(arguments: [
        ("é", "X-Api-Key", "capabilities[0].parameters.é"), ("X Tag", "X-Api-Key", "capabilities[0].parameters.X Tag"),
        ("", "X-Api-Key", "capabilities[0].parameters."), ("X-Tag", "Clé", "auth.header"), ("X-Tag", "X:Key", "auth.header"),
    ])
    func a_header_name_that_is_no_token_is_refused_at_registration(parameter: String, authHeader: String, param: String) async throws {
        try await withPloton { t async throws in
            let body = Self.definition(parameter: parameter, authHeader: authHeader, baseURL: "https://hx.example.com")
            let refused = try await t.send(.POST, "v1/tools", key: t.testKey, json: body)
            #expect(refused.status == .unprocessableEntity, "\(refused.body.string)")
            let error = try #require(try refused.object["error"] as? [String: Any])
            #expect(error["code"] as? String == "validation_error")
            #expect(error["param"] as? String == param, "\(error)")
            #expect(try await t.send(.GET, "v1/tools/hx", key: t.testKey).status == .notFound, "nothing stored")
        }
    }

    /// A definition stored before names were checked fails its step; nothing is sent and the process goes on.
    @Test func a_stored_definition_with_such_a_name_fails_the_step_without_a_request() async throws {
        let server = try await FakeService.start { app in app.get("x") { _ in "ok" } }
        try await withPloton({ $0.allowPrivateNetwork = true }) { t async throws in
            for (parameter, authHeader) in [("é", "X-Api-Key"), ("X-Tag", "Clé")] {
                let stored = try JSONDecoder().decode(
                    ToolDefinition.self,
                    from: Data(Self.definition(parameter: parameter, authHeader: authHeader, baseURL: server.baseURL).utf8))
                let request = StepRequest(
                    taskID: "task_1", accountID: t.accountID, userID: nil, stepIndex: 0, tool: "hx", capability: "get",
                    input: [parameter: .string("v")], mode: .live, idempotencyKey: "k")
                await #expect {
                    _ = try await HTTPToolExecutor(http: t.app.ploton.outbound).execute(
                        stored, credentials: .apiKey("secret-key-123"), request: request)
                } throws: { error in
                    (error as? ToolFailure)?.code == .invalidInput
                }
            }
            #expect(server.received.isEmpty, "no request was sent")
        }
        try await server.stop()
    }
}
