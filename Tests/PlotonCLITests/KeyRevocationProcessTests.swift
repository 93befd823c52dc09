import Foundation
import PlotonTestSupport
import Testing

/// A running server keeps the keys it verified for at most a second (`VerifiedKeyCache`): a key
/// revoked by another process, here `ploton keys revoke`, stops working on it without a restart.
@Suite(.serialized) struct KeyRevocationProcessTests {
    @Test func a_key_revoked_by_another_process_stops_working_on_a_running_server() async throws {
        let env = try await ProcessEnvironment.make()
        let variables = env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "LOG_LEVEL": "warning"])
        func ploton(_ arguments: String...) throws -> [String: Any] {
            let result = try PlotonCommandRunner.run(arguments, environment: variables, workingDirectory: env.directory)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
        }
        let server = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let key = try ploton("keys", "create", "--environment", "test", "--name", "revoked-elsewhere", "--json")
        let secret = try #require(key["secret"] as? String)
        let id = try #require(key["id"] as? String)
        #expect(try await server.request(.GET, "/v1/tasks?limit=1", key: secret).status == .ok)  // verified, and kept
        #expect(try await server.request(.GET, "/v1/tasks?limit=1", key: secret).status == .ok)

        #expect(try ploton("keys", "revoke", id, "--json")["status"] as? String == "revoked")
        // Within a second of the revocation; the limit allows for a loaded machine.
        try await eventually("the server refuses the key revoked by another process", timeout: .seconds(30)) {
            let refused = try await server.request(.GET, "/v1/tasks?limit=1", key: secret)
            return refused.status == .unauthorized && (refused.json["error"] as? [String: Any])?["code"] as? String == "invalid_api_key"
        }
        await server.expectCleanStop()
        await env.drop()
    }
}
