import Foundation
import PlotonAPI
import PlotonTestSupport
import Testing

@testable import PlotonCLI

/// Where people wait: `tasks create --wait` shows each step as it happens, `migrate` says what it applies.
@Suite(.serialized) struct ProgressDisplayTests {
    static func step(_ index: Int, _ status: String, ms: Int? = nil) -> TaskTraceObject.Step {
        TaskTraceObject.Step(
            index: index, tool: "weather", capability: index == 0 ? "geocode" : "current", status: status, input: .object([:]),
            output: nil, outputSummary: nil, error: nil, attempts: 1, recoveries: [], sideEffect: false, idempotencyKey: "k",
            startedAt: Date(), finishedAt: nil, durationMs: ms)
    }

    @Test func a_terminal_gets_one_live_line_per_step_and_a_pipe_plain_lines() {
        var live = StepProgress(live: true)
        #expect(live.update([Self.step(0, "running")]) == "  step 1 weather.geocode: running")
        #expect(live.update([Self.step(0, "running")]) == "", "nothing changed, nothing written")
        #expect(
            live.update([Self.step(0, "complete", ms: 12), Self.step(1, "running")])
                == "\r\u{1B}[2K  step 1 weather.geocode: complete (12 ms)\n  step 2 weather.current: running")
        #expect(live.finish() == "\n")

        var plain = StepProgress(live: false)
        #expect(plain.update([Self.step(0, "running")]) == "  step 1 weather.geocode: running\n")
        #expect(plain.update([Self.step(0, "complete", ms: 12)]) == "  step 1 weather.geocode: complete (12 ms)\n")
        #expect(plain.finish() == "")
    }

    @Test func wait_shows_the_steps_unless_json_and_migrate_names_what_it_applies() async throws {
        let env = try await ProcessEnvironment.make()
        let migrated = try PlotonCommandRunner.run(
            ["migrate"], environment: env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys]), workingDirectory: env.directory)
        #expect(migrated.status == 0 && migrated.stderr.contains("Applying ") && migrated.stderr.contains(" migrations (CreateAccounts"))
        let again = try PlotonCommandRunner.run(
            ["migrate"], environment: env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys]), workingDirectory: env.directory)
        #expect(again.status == 0 && !again.stderr.contains("Applying"), "nothing to apply: \(again.stderr)")

        let server = try await PlotonProcess.serve(
            environment: env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys]), workingDirectory: env.directory)
        let key = try #require(FirstRunBanner.value(after: "Test API key:", in: server.stdout))
        let client = env.variables(["PLOTON_API_KEY": key, "PLOTON_BASE_URL": server.baseURL + "/v1"])
        let prompt = TaskProcessTests.prompt
        let shown = try PlotonCommandRunner.run(
            ["tasks", "create", prompt, "--wait"], environment: client, workingDirectory: env.directory)
        #expect(shown.status == 0, "\(shown.stderr)")
        let lines = shown.stderr.split(separator: "\n").filter { $0.hasPrefix("  step ") }
        #expect(lines.contains { $0.hasPrefix("  step 1 weather.geocode: complete (") }, "\(shown.stderr)")
        #expect(lines.contains { $0.hasPrefix("  step 2 weather.current: complete (") }, "\(shown.stderr)")
        #expect(!shown.stderr.contains("\u{1B}["), "no terminal codes into a pipe")
        let quiet = try PlotonCommandRunner.run(
            ["tasks", "create", prompt, "--wait", "--json"], environment: client, workingDirectory: env.directory)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
        await server.expectCleanStop()
        await env.drop()
    }
}
