import Foundation
import PlotonCore
import PlotonTestSupport
import Testing

@Suite(.serialized) struct KeysCommandTests {
    @Test func keys_and_migrate_commands_work_offline_with_json_output() async throws {
        let env = try await ProcessEnvironment.make()
        let variables = env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys])
        func ploton(_ arguments: String...) throws -> PlotonCommandRunner.Result {
            try PlotonCommandRunner.run(arguments, environment: variables, workingDirectory: env.directory)
        }
        func json(_ text: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
        }

        let migrated = try ploton("migrate", "--json")
        #expect(migrated.status == 0, "\(migrated.stderr)")
        let applied = try json(migrated.stdout)["applied"] as? [String]
        #expect(applied?.contains { $0.hasSuffix("CreateAPIKeys") } == true)

        let created = try ploton("keys", "create", "--environment", "test", "--name", "ci", "--json")
        #expect(created.status == 0, "\(created.stderr)")
        let key = try json(created.stdout)
        let secret = try #require(key["secret"] as? String)
        #expect(APIKeySecret(parsing: secret)?.environment == .test)
        #expect(key["name"] as? String == "ci")
        #expect(created.stderr.contains("Ploton first run"), "the first command on an empty database sets up the account")
        let id = try #require(key["id"] as? String)

        let listed = try ploton("keys", "list", "--json")
        let data = try #require(try json(listed.stdout)["data"] as? [[String: Any]])
        #expect(data.count == 3)
        #expect(data.allSatisfy { $0["secret"] == nil })
        #expect(data.contains { $0["id"] as? String == id })
        #expect(!listed.stdout.contains(secret))

        let human = try ploton("keys", "list", "--environment", "test")
        #expect(human.stdout.contains(id))
        #expect(human.stdout.hasPrefix("ID"))

        let rolled = try json(try ploton("keys", "roll", id, "--expires-in", "60", "--json").stdout)
        let newID = try #require(rolled["id"] as? String)
        #expect(newID != id)
        #expect((rolled["secret"] as? String)?.hasPrefix("pk_test_") == true)

        let revoked = try json(try ploton("keys", "revoke", newID, "--json").stdout)
        #expect(revoked["status"] as? String == "revoked")
        let old = try #require(try json(try ploton("keys", "list", "--json").stdout)["data"] as? [[String: Any]])
            .first { $0["id"] as? String == id }
        #expect(old?["expires_at"] is String)

        let missing = try ploton("keys", "revoke", "key_doesnotexist")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("No such api key"))

        let badEnvironment = try ploton("keys", "create", "--environment", "prod")
        #expect(badEnvironment.status != 0)
        await env.drop()
    }

    @Test func a_bad_configuration_names_the_variable_and_not_its_value() async throws {
        let env = try await ProcessEnvironment.make()
        let result = try PlotonCommandRunner.run(
            ["migrate"], environment: env.variables(["PLOTON_ENCRYPTION_KEYS": "k1:c2VjcmV0LXRvby1zaG9ydA==", "PLOTON_PORT": "http"]),
            workingDirectory: env.directory)
        #expect(result.status != 0)
        #expect(result.stderr.contains("PLOTON_ENCRYPTION_KEYS"))
        #expect(result.stderr.contains("PLOTON_PORT"))
        #expect(!result.stderr.contains("c2VjcmV0LXRvby1zaG9ydA=="))
        await env.drop()
    }

    @Test func rotate_encryption_reseals_every_secret_under_the_new_first_key() async throws {
        let env = try await ProcessEnvironment.make()
        let newKey = "test2:" + Data((0..<32).map { UInt8($0) }).base64EncodedString()
        func ploton(_ keys: String, _ arguments: String...) throws -> PlotonCommandRunner.Result {
            try PlotonCommandRunner.run(
                arguments, environment: env.variables(["PLOTON_ENCRYPTION_KEYS": keys]), workingDirectory: env.directory)
        }
        func json(_ text: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
        }
        #expect(try ploton(TestKeys.encryptionKeys, "keys", "list").status == 0)  // first run: both webhook secrets sealed with test1

        let rotated = try ploton("\(newKey),\(TestKeys.encryptionKeys)", "keys", "rotate-encryption", "--json")
        #expect(rotated.status == 0, "\(rotated.stderr)")
        let report = try json(rotated.stdout)
        #expect(report["key_id"] as? String == "test2" && report["reencrypted"] as? Int == 2 && report["unreadable"] as? Int == 0)
        let again = try json(try ploton("\(newKey),\(TestKeys.encryptionKeys)", "keys", "rotate-encryption", "--json").stdout)
        #expect(again["reencrypted"] as? Int == 0 && again["already_current"] as? Int == 2)

        // With the old key gone, the secrets still open.
        let server = try await PlotonProcess.serve(
            environment: env.variables(["PLOTON_ENCRYPTION_KEYS": newKey]), workingDirectory: env.directory)
        let created = try ploton(newKey, "keys", "create", "--environment", "test", "--json")
        let key = try #require(try json(created.stdout)["secret"] as? String)
        let secret = try await server.request(.GET, "/v1/webhook_secret", key: key)
        secret.expect(.ok)
        #expect((secret.json["secret"] as? String)?.hasPrefix("whsec_") == true)
        await server.expectCleanStop()
        await env.drop()
    }
}
