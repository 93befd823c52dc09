import Foundation
import PlotonCore
import Testing

/// Numbers of any size in prompts, answers, tool responses and headers are bounded or refused,
/// never converted with a trap (issue 14).
@Suite struct BoundedNumbersTests {
    @Test func clamped_conversions_hold_at_every_edge() {
        #expect((1e300).clampedInt() == Int.max)
        #expect((-1e300).clampedInt() == Int.min)
        #expect(Double(Int.max).clampedInt() == Int.max)
        #expect(Double.infinity.clampedInt(in: 1...100) == 100)
        #expect((-0.0).clampedInt() == 0)
        #expect((0.5).clampedInt(in: 1...100) == 1)
        #expect((42.9).clampedInt() == 42)
        #expect(Double.nan.clampedInt() == nil)
    }

    @Test func finite_text_refuses_what_is_no_number() {
        #expect(Double.finite("1e300") == 1e300)
        #expect(Double.finite("99999999999999999999999") == 1e23)
        #expect(Double.finite("-0") == 0)
        for text in ["nan", "NaN", "inf", "-infinity", "1e400", "", "12abc", "١٢٣"] {
            #expect(Double.finite(text) == nil, "\(text)")
        }
    }

    @Test func plain_text_prints_whole_numbers_without_a_fraction() {
        #expect((42.0).plainText == "42")
        #expect((-0.0).plainText == "0")
        #expect((1.5).plainText == "1.5")
        #expect((1e300).plainText == "1e+300")
        #expect((1e20).plainText == "1e+20")
    }

    @Test func delays_from_outside_are_bounded() {
        #expect(TimeInterval.boundedDelay(1e300, atMost: 60) == 60)
        #expect(TimeInterval.boundedDelay(.infinity, atMost: 60) == 60)
        #expect(TimeInterval.boundedDelay(5, atMost: 60) == 5)
        #expect(TimeInterval.boundedDelay(.nan, atMost: 60) == nil)
        #expect(TimeInterval.boundedDelay(-1, atMost: 60) == nil)
        #expect(TimeInterval.boundedDelay(nil, atMost: 60) == nil)
    }

    @Test(arguments: ["1e300", "-1e300", "99999999999999999999999", "-0", "nan", "inf", String(repeating: "9", count: 400)])
    func a_payments_list_with_any_limit_completes(limit: String) async {
        let outcome = await SandboxRehearsal.run("list invoices limit=\(limit)", tool: "payments")
        guard case .result(let result) = outcome else {
            Issue.record("expected a result, got \(outcome)")
            return
        }
        #expect(result.arrayValue?.isEmpty == false)
    }

    @Test(arguments: ["crm", "chat", "email", "calendar", "storage"])
    func every_sandbox_capability_takes_huge_limits_and_cursors(tool: String) async throws {
        let executor = try #require(BuiltInSandboxes.executors(now: { SandboxRehearsal.now })[tool])
        let storage = InMemorySandboxStorage()
        var completed = 0
        for capability in try #require(ToolCatalog.builtIn.tool(tool)).capabilities {
            for limit in [1e300, -1e300, 9.3e18, -0.0] {
                let input: [String: JSONValue] = [
                    "limit": .number(limit), "maxResults": .number(limit), "pageSize": .number(limit),
                    "after": .string("9223372036854775807"), "pageToken": .string("99999999999999999999999"),
                    "cursor": .string("-9223372036854775808"), "q": .string("a"), "name": .string("general"),
                ]
                let request = StepRequest(
                    taskID: "task_1", accountID: "acct_1", userID: "user_1", stepIndex: 0, tool: tool, capability: capability.name,
                    input: input, mode: .sandbox, idempotencyKey: "k", sandbox: storage)
                // A refusal (a missing parameter) is an answer too; only a trap would fail this test.
                if case .completed = try? await executor.execute(request) { completed += 1 }
            }
        }
        #expect(completed > 0)
    }

    @Test func a_huge_amount_is_not_inferred_as_cents() async {
        for prompt in ["refund $1e307 to the customer", "charge $nan", "charge $inf"] {
            let outcome = await SandboxRehearsal.run(prompt, tool: "payments")
            if case .result(let result) = outcome {
                #expect(result.value(at: "amount")?.numberValue?.isFinite != false)
            }
        }
    }

    @Test func weather_at_impossible_coordinates_is_invalid_input() async throws {
        let request = StepRequest(
            taskID: "task_1", accountID: "acct_1", userID: nil, stepIndex: 0, tool: "weather", capability: Weather.current,
            input: ["latitude": .number(1e300), "longitude": .number(-1e300)], mode: .sandbox, idempotencyKey: "k")
        await #expect(throws: ToolFailure.self) { _ = try await WeatherSandbox().execute(request) }
    }

    @Test func templates_render_numbers_and_malformed_placeholders_without_trapping() {
        let outputs: [Int: JSONValue] = [0: .object(["n": .number(1e300), "m": .number(-0.0)])]
        #expect(TextTemplate.render("{{0.n}} {{0.m}}", outputs: outputs) == "1e+300 0")
        #expect(TextTemplate.render("a{{}}b{{|money}}c{{.}}d{{99999999999999999999.x}}", outputs: outputs) == "a—b—c—d—")
        #expect(TextTemplate.render("{{0.n|money}}", outputs: outputs).hasPrefix("$1"))
    }

    @Test func token_lifetimes_are_bounded() throws {
        func lifetime(_ value: JSONValue) throws -> TimeInterval {
            try TokenGrant.parse(.object(["access_token": .string("a"), "expires_in": value])).expiresIn
        }
        #expect(try lifetime(.number(1e300)) == TokenGrant.maxLifetime)
        #expect(try lifetime(.string("1e300")) == TokenGrant.maxLifetime)
        #expect(try lifetime(.string("1e400")) == TokenGrant.defaultLifetime)
        #expect(try lifetime(.string("nan")) == TokenGrant.defaultLifetime)
        #expect(try lifetime(.number(-5)) == TokenGrant.defaultLifetime)
        #expect(try lifetime(.number(120)) == 120)
    }

    @Test func a_step_reference_that_is_no_integer_stays_a_literal() throws {
        for step in ["1e300", "-1e300", "0.5", "99999999999999999999"] {
            let text = #"{"$step": \#(step), "path": "x"}"#
            let input = try JSONDecoder().decode(JSONInput.self, from: Data(text.utf8))
            guard case .literal = input else {
                Issue.record("\(step) became \(input)")
                continue
            }
        }
    }

    @Test func the_rate_limiter_reports_integers_for_any_limit() {
        let decision = RateLimiter(now: { 0 }).consume(key: "k", policy: .init(limit: Int.max))
        #expect(decision.allowed)
        #expect(decision.remaining > 0)
    }
}
