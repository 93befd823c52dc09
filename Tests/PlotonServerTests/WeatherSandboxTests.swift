import Foundation
import Testing

@testable import PlotonServer

/// The weather sandbox answers as Open-Meteo would: a place it does not know is not found, never
/// a made-up point on the map.
@Suite struct WeatherSandboxTests {
    @Test func an_unknown_place_fails_the_task_with_place_not_found() async throws {
        try await withPloton { t in
            let id = try await t.createTask(#"{"prompt":"What is the weather in Atlantis?"}"#)
            try await t.drain()
            let task = try await t.task(id)
            #expect(task["status"] as? String == "failed")
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "place_not_found")
            #expect((error["message"] as? String)?.contains("Atlantis") == true)
            #expect(task["result"] is NSNull)

            let known = try await t.createTask(#"{"prompt":"What is the weather in são paulo?"}"#)
            try await t.drain()
            let completed = try await t.task(known)
            #expect(completed["status"] as? String == "complete", "\(completed)")
            let result = try #require(completed["result"] as? [String: Any])
            #expect(result["latitude"] as? Double == -23.5475)
        }
    }
}
