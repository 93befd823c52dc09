import Foundation
import PlotonCore
import Testing

/// Planning cost on hostile or just long prompts, up to the 10,000-character limit: each plans
/// without trapping, and cutting one into parts costs bounded CPU that grows about linearly with
/// its length (a quadratic cut took 29 s of debug CPU on 9,990 commas).
@Suite struct HostilePromptCostTests {
    static func repeated(_ unit: String) -> @Sendable (Int) -> String {
        { length in String(String(repeating: unit, count: length / unit.count + 1).prefix(length)) }
    }

    /// Hostile shapes, each at any length.
    static let shapes: [String: @Sendable (Int) -> String] = [
        "commas": repeated(","), "letters": repeated("a"), "spaces": repeated(" "), "newlines": repeated("\n"),
        "hashes": repeated("#"), "ats": repeated("@"), "dots": repeated(". "), "quotes": repeated(#""quoted string" "#),
        "and": repeated("and "), "then": repeated("then "), "fillers": repeated("please send and "),
        "refunds": repeated("refund $1,200.50 €15 40 bucks "), "weather then": repeated("get the weather in Paris and then "),
        "times": repeated("tomorrow at 3pm next Monday for an hour "),
        "sentence": repeated("Pull all open deals from user_123's CRM account and post them to #sales. "),
        "numbers": repeated("12345 67.8 9,000 "), "emails": repeated("a.b@example.com, "), "urls": repeated("https://example.com/a?b=c "),
        "dates": repeated("2025-01-02 Jan 3 3/4/2025 "), "bullets": repeated("- send an email to bob\n"),
        "message": repeated("email ann@acme.example: hi, there, and post it, "), "tell him": repeated("email bob and tell him "),
        "mixed scripts": repeated("Привет 世界 مرحبا שלום "), "combining marks": repeated("e\u{301}\u{302}\u{303}"),
        "emoji": repeated("😀👍🏽🇺🇸 "), "arrows": repeated("a -> "), "fields": repeated("return name, "),
        "cities": { length in String(("weather in " + (0..<2_000).map { "City\($0)" }.joined(separator: ", ")).prefix(length)) },
        "nesting": { length in String(repeating: "(", count: length / 2) + String(repeating: ")", count: length / 2) },
        "long word": { length in "weather " + String(repeating: "x", count: length - 8) },
        "refund parts": repeated("refund ch_123 and "), "that parts": repeated("post that and "),
        "ordinal parts": repeated("first get deals, second email them, third post them, "),
        "spoken addresses": repeated("john dot obrien at acme dot "), "marked names": repeated("mark priya patel as a "),
        "channels": { length in String(("post hi to " + (0..<2_000).map { "#c\($0)" }.joined(separator: ", ")).prefix(length)) },
    ]

    /// CPU time of this thread (not wall time: a loaded machine does not change it).
    static func cpuTime(_ work: () -> Void) -> Double {
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        work()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    @Test(arguments: shapes.keys.sorted())
    func cutting_a_hostile_prompt_into_parts_costs_about_linear_cpu(_ name: String) throws {
        let shape = try #require(Self.shapes[name])
        let short = Self.cpuTime { _ = PromptClauses.split(shape(2_500)) }
        let long = Self.cpuTime { _ = PromptClauses.split(shape(10_000)) }
        // Four times the length: a quadratic cut takes sixteen times the CPU.
        #expect(long <= short * 8 + 0.1, "\(name): \(short) s at 2,500 characters, \(long) s at 10,000")
        #expect(long < 2, "\(name): \(long) s of CPU to cut 10,000 characters (a debug build takes well under 1 s)")
    }

    static func plan(_ prompt: String) async throws -> PlanningResult {
        try await EmbeddedPlanner().plan(
            PlanningRequest(
                prompt: prompt, userID: "user_1", pinnedTool: nil, input: [:], catalog: .builtIn,
                now: Date(timeIntervalSince1970: 1_779_962_400)))
    }

    static func failure(_ prompt: String) async -> String? {
        do {
            _ = try await plan(prompt)
            return nil
        } catch {
            return (error as? PlanningFailure)?.message
        }
    }

    /// Each part is planned against the whole prompt and the steps before it: 556 refunds in 10,000
    /// characters took 7 s of debug CPU to plan, and "post hi to #c0, #c1, …" planned 2,776 steps.
    @Test func a_prompt_of_more_parts_or_steps_than_one_task_runs_fails_naming_the_limit() async throws {
        func refunds(_ count: Int) -> String { (0..<count).map { "refund ch_\($0)" }.joined(separator: " and ") }
        #expect(PromptClauses.split(refunds(26)).count == 26)
        let tooMany = await Self.failure(refunds(26))
        #expect(tooMany?.contains("it asks for 26 things at once, and one task does at most 25") == true, "\(tooMany ?? "planned")")
        let most = await Self.failure(refunds(25))
        #expect(most?.contains("things at once") != true, "\(most ?? "planned")")
        for name in ["refund parts", "that parts", "ordinal parts"] {
            let shape = try #require(Self.shapes[name])
            let failure = await Self.failure(shape(9_990))
            #expect(failure?.contains("things at once, and one task does at most 25") == true, "\(name): \(failure ?? "planned")")
        }
        let channels = (0..<30).map { "#c\($0)" }.joined(separator: ", ")
        let steps = await Self.failure("post hi to \(channels)")
        #expect(steps?.contains("steps, and one task runs at most 50") == true, "\(steps ?? "planned")")
        guard case .workflow(let few) = try await Self.plan("post hi to #c1, #c2") else { throw CancellationError() }
        #expect(few.steps.count <= 4)
    }

    @Test(arguments: shapes.keys.sorted())
    func a_hostile_prompt_plans_or_fails_cleanly(_ name: String) async throws {
        let shape = try #require(Self.shapes[name])
        let prompt = shape(9_990)
        let request = PlanningRequest(
            prompt: prompt, userID: "user_1", pinnedTool: nil, input: [:], catalog: .builtIn,
            now: Date(timeIntervalSince1970: 1_779_962_400))
        let started = ContinuousClock.now
        _ = try? await EmbeddedPlanner().plan(request)
        // Generous for a loaded machine: the quadratic planner took 3 to 29 s on these in a debug build.
        #expect(ContinuousClock.now - started < .seconds(20), "\(name)")
    }
}
