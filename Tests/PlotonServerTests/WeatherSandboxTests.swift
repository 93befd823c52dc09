import Foundation
import PlotonCore
import Testing

@testable import PlotonServer

/// The weather sandbox answers for any town an agent names (a known city at its real place, another
/// at a stable invented one) and, as Open-Meteo does, finds no place for a name no place could have.
@Suite struct WeatherSandboxTests {
    private func geocode(_ name: String) async throws -> StepOutcome {
        try await WeatherSandbox().execute(
            StepRequest(
                taskID: "task_weather", accountID: "acct_weather", userID: nil, stepIndex: 0, tool: "weather",
                capability: Weather.geocode, input: ["name": .string(name)], mode: .sandbox, idempotencyKey: "weather"))
    }

    @Test func a_known_city_is_at_its_real_place_whatever_its_accents() async throws {
        try await withPloton { t in
            let id = try await t.createTask(#"{"prompt":"What is the weather in são paulo?"}"#)
            try await t.drain()
            let task = try await t.task(id)
            #expect(task["status"] as? String == "complete", "\(task)")
            let result = try #require(task["result"] as? [String: Any])
            #expect(result["latitude"] as? Double == -23.5475)
        }
    }

    /// "Lisboa" and "Köln" are where Lisbon and Cologne are, as Open-Meteo finds them (session 36's blind rounds saw "Lisboa"
    /// and "Sevilla" put at invented points).
    @Test(arguments: [("Lisboa", 38.71667), ("Köln", 50.93333), ("Sevilla", 37.38283), ("Leeds", 53.79648)])
    func a_city_in_its_own_language_or_a_smaller_city_is_at_its_real_place(_ name: String, _ latitude: Double) async throws {
        guard case .completed(let place) = try await geocode(name) else { Issue.record("\(name) did not complete"); return }
        #expect(place.objectValue?["latitude"]?.numberValue == latitude, "\(place)")
    }

    @Test func another_place_name_completes_at_the_same_invented_point_each_time() async throws {
        try await withPloton { t in
            let first = try await t.createTask(#"{"prompt":"What is the weather in Bad Münstereifel?"}"#)
            let second = try await t.createTask(#"{"prompt":"What is the weather in Bad Münstereifel?"}"#)
            try await t.drain()
            let a = try await t.task(first)
            let b = try await t.task(second)
            #expect(a["status"] as? String == "complete", "\(a)")
            let resultA = try #require(a["result"] as? [String: Any])
            let resultB = try #require(b["result"] as? [String: Any])
            #expect(resultA["latitude"] as? Double != nil)
            #expect(resultA["latitude"] as? Double == resultB["latitude"] as? Double)
            #expect(resultA["longitude"] as? Double == resultB["longitude"] as? Double)
        }
    }

    @Test(arguments: ["12345", "!!!", "<script>", String(repeating: "a", count: 101), "one two three four five six seven"])
    func a_name_no_place_could_have_is_place_not_found(_ name: String) async throws {
        await #expect {
            _ = try await geocode(name)
        } throws: { error in
            (error as? ToolFailure)?.code == "place_not_found"
        }
    }
}
