import Foundation
import PlotonAPI
import Testing
import VaporTesting

@testable import PlotonServer

/// Services throw typed domain errors; only HTTP/DomainFailures.swift turns them into the API's
/// failures, and every caller (envelope, MCP, dashboard, CLI) reports through it.
@Suite struct DomainFailuresTests {
    @Test func services_throw_their_domain_errors_and_the_edge_reports_the_documented_code() async throws {
        try await withPloton { t async throws in
            let registry = ToolRegistry(database: t.db, services: t.app.ploton, accountID: t.accountID, environment: .test)
            let tools = ToolAdministration(registry: registry)
            await #expect(throws: ToolError.builtIn("weather")) { try await tools.delete("weather") }
            await #expect(throws: ToolError.notFound("nope")) { try await tools.custom("nope") }
            let subagents = SubagentService(registry: registry, now: t.clock.now)
            await #expect(throws: SubagentError.invalidName) { _ = try await subagents.deploy(name: "sa_x", prompt: "weather") }
            #expect(throws: TaskFieldError.blank("prompt")) { try TaskFields.prompt("  ") }
            let tasks = TaskService(
                database: t.db, services: t.app.ploton, principal: APIPrincipal(keyID: "k", accountID: t.accountID, environment: .test))
            await #expect(throws: TaskError.notFound("task_missing")) { _ = try await tasks.find("task_missing") }
            #expect(throws: InputError.required(field: "input.email")) {
                try InputValidation.validate([:], against: .object(["required": .array([.string("email")])]))
            }

            let reported: [(any Error, ErrorCode)] = [
                (ToolError.builtIn("weather"), .forbidden), (ToolError.notFound("nope"), .notFound),
                (SubagentError.invalidName, .validationError), (TaskFieldError.promptTooLong(characters: 10_001), .promptTooLong),
                (EventError.noDestinations(type: "task.complete"), .noWebhookDestinations), (KeyError.invalidKey, .invalidAPIKey),
                (IdempotencyError.keyReused, .idempotencyKeyReused), (OperatorError.invalidEmail, .validationError),
                (TaskError.alreadyFinished(status: .complete), .taskAlreadyFinished),
                (TaskError.notWaiting(status: .running, reason: nil), .taskNotWaiting), (TaskError.inputExpected, .invalidRequest),
                (InputError.reservedKey(field: "input.$x"), .validationError),
            ]
            for (error, code) in reported { #expect(APIFailure(reporting: error)?.code == code, "\(error)") }
            #expect(APIFailure(reporting: DatabaseWithoutSQL()) == nil, "a fault of ours is not the caller's failure")

            let refused = try await t.send(.DELETE, "v1/tools/weather", key: t.testKey)
            #expect(refused.status == .forbidden && refused.errorCode == "forbidden")
        }
    }

    /// The service layer speaks its own errors; the wire type is left to the HTTP edge.
    @Test func no_service_throws_the_wire_type() throws {
        let services = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Sources/PlotonServer/Services")
        let files = try #require(FileManager.default.enumerator(at: services, includingPropertiesForKeys: nil))
        var offenders: [String] = []
        for case let file as URL in files where file.pathExtension == "swift" {
            if try String(contentsOf: file, encoding: .utf8).contains("APIFailure") { offenders.append(file.lastPathComponent) }
        }
        #expect(offenders.isEmpty, "services that throw APIFailure: \(offenders)")
    }
}
