import Foundation
import PlotonCore
import Testing

@testable import PlotonServer

/// The embedded planner's workflows are reused for a prompt seen again, only over an equal tool
/// catalogue, and never when the plan depends on the time.
@Suite struct PlanCacheTests {
    static let now = Date(timeIntervalSince1970: 1_796_202_000)  // Wednesday 2026-12-02 09:00 UTC
    static let weather = "Look up the current weather in San Francisco and return temperature, conditions, and humidity"

    static func request(_ prompt: String, pinned: String? = nil, catalog: ToolCatalog = .builtIn, now: Date = now) -> PlanningRequest {
        PlanningRequest(prompt: prompt, userID: nil, pinnedTool: pinned, input: [:], catalog: catalog, now: now)
    }

    static func contacts(capability: String) -> ToolDescriptor {
        ToolDescriptor(
            name: "internal-crm", description: "The company's own CRM", categories: ["crm"],
            capabilities: [CapabilityDescriptor(name: capability, description: "List all contacts")])
    }

    @Test func a_prompt_seen_twice_is_then_served_from_the_cache_equal_to_a_fresh_plan() async throws {
        let cache = PlanCache()
        let request = Self.request(Self.weather)
        let fresh = try await EmbeddedPlanner().plan(request)
        guard case .workflow(let expected) = fresh else { Issue.record("the weather prompt should plan"); return }

        #expect(try await cache.plan(request, by: EmbeddedPlanner()) == fresh)
        #expect(cache.cached(request) == nil, "a first sighting only marks the prompt")
        #expect(try await cache.plan(request, by: EmbeddedPlanner()) == fresh)
        #expect(cache.cached(request) == expected)
        let later = Self.request(Self.weather, now: Self.now.addingTimeInterval(3_600))
        #expect(try await cache.plan(later, by: EmbeddedPlanner()) == (try await EmbeddedPlanner().plan(later)))
        #expect(cache.cached(Self.request(Self.weather.uppercased())) == nil, "another prompt is planned afresh")
    }

    @Test func a_changed_tool_catalogue_is_planned_afresh() async throws {
        let cache = PlanCache()
        let before = Self.request(
            "List all contacts", pinned: "internal-crm", catalog: .builtIn.adding([Self.contacts(capability: "list_contacts")]))
        let after = Self.request(
            "List all contacts", pinned: "internal-crm", catalog: .builtIn.adding([Self.contacts(capability: "all_contacts")]))
        for _ in 0..<2 { _ = try await cache.plan(before, by: EmbeddedPlanner()) }
        #expect(cache.cached(before)?.steps.map(\.capability) == ["list_contacts"])

        #expect(cache.cached(after) == nil, "the same tool names with another definition miss")
        let planned = try await cache.plan(after, by: EmbeddedPlanner())
        #expect(planned == (try await EmbeddedPlanner().plan(after)))
        guard case .workflow(let workflow) = planned else { Issue.record("the changed tool should plan"); return }
        #expect(workflow.steps.map(\.capability) == ["all_contacts"])
    }

    @Test func a_time_relative_prompt_is_planned_against_each_now() async throws {
        let cache = PlanCache()
        let prompt = "Tomorrow at 3pm schedule a call with ann@acme.example"
        for _ in 0..<3 { _ = try await cache.plan(Self.request(prompt), by: EmbeddedPlanner()) }
        #expect(cache.cached(Self.request(prompt)) == nil)

        let nextWeek = Self.request(prompt, now: Self.now.addingTimeInterval(7 * 86_400))
        guard case .workflow(let workflow) = try await cache.plan(nextWeek, by: EmbeddedPlanner()) else {
            Issue.record("the prompt should plan"); return
        }
        #expect(workflow.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2026-12-10T15:00:00Z")])))
    }

    @Test func the_cache_holds_at_most_its_capacity() async throws {
        let cache = PlanCache(capacity: 2)
        for city in ["Paris", "Berlin", "Madrid", "Rome"] {
            for _ in 0..<2 { _ = try await cache.plan(Self.request("Weather in \(city)"), by: EmbeddedPlanner()) }
        }
        #expect(cache.count == 2)
        #expect(cache.cached(Self.request("Weather in Rome")) != nil, "the prompt just planned twice is kept")
    }

    @Test func switched_off_it_keeps_nothing() async throws {
        let cache = PlanCache(capacity: 0)
        for _ in 0..<3 { _ = try await cache.plan(Self.request(Self.weather), by: EmbeddedPlanner()) }
        #expect(cache.count == 0)
    }
}
