import Foundation
import PlotonCore
import PlotonTestSupport
import Testing

@Suite(.serialized) struct UsersCommandTests {
    @Test func users_create_adds_operators_with_a_password_or_a_one_time_link() async throws {
        let env = try await ProcessEnvironment.make()
        let variables = env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_PUBLIC_URL": "https://ploton.example"])
        func ploton(_ arguments: String..., input: String? = nil) throws -> PlotonCommandRunner.Result {
            try PlotonCommandRunner.run(arguments, environment: variables, workingDirectory: env.directory, input: input)
        }
        func json(_ text: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
        }

        let withPassword = try ploton(
            "users", "create", "--email", "Ops@Example.com", "--password-stdin", "--json", input: "correct horse battery\n")
        #expect(withPassword.status == 0, "\(withPassword.stderr)")
        let ops = try json(withPassword.stdout)
        #expect(ops["object"] as? String == "operator_user" && ops["email"] as? String == "ops@example.com")
        #expect(ops["password_set"] as? Bool == true && ops["sign_in_url"] == nil)
        #expect(!withPassword.stdout.contains("correct horse") && !withPassword.stderr.contains("correct horse"))

        let withLink = try ploton("users", "create", "--email", "ann@example.com", "--name", "Ann", "--json")
        let ann = try json(withLink.stdout)
        #expect(ann["password_set"] as? Bool == false)
        #expect((ann["sign_in_url"] as? String)?.hasPrefix("https://ploton.example/dashboard/sign-in?token=") == true)

        let duplicate = try ploton("users", "create", "--email", "ann@example.com")
        #expect(duplicate.status == 1 && duplicate.stderr.contains("Another operator already uses ann@example.com"))
        let short = try ploton("users", "create", "--email", "bo@example.com", "--password-stdin", input: "short\n")
        #expect(short.status == 1 && short.stderr.contains("at least 12 characters"))

        let listed = try #require(try json(try ploton("users", "list", "--json").stdout)["data"] as? [[String: Any]])
        #expect(listed.compactMap { $0["email"] as? String } == ["ops@example.com", "ann@example.com"], "refused users were not kept")
        #expect(try ploton("users", "list").stdout.hasPrefix("ID"))

        let reset = try json(try ploton("users", "reset", "--email", "OPS@example.com", "--json").stdout)
        #expect(reset["password_set"] as? Bool == false && (reset["sign_in_url"] as? String)?.contains("/dashboard/sign-in?token=") == true)
        let unknown = try ploton("users", "reset", "--email", "nobody@example.com")
        #expect(unknown.status == 1 && unknown.stderr.contains("No operator with the email nobody@example.com"))
        await env.drop()
    }
}
