import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// Live keys run the real weather tool against a local server that answers like Open-Meteo.
@Suite(.serialized) struct LiveWeatherTests {
    func withLiveWeather(allowPrivate: Bool = true, _ body: (TestApp, FakeOpenMeteo) async throws -> Void) async throws {
        let fake = try await FakeOpenMeteo.start()
        do {
            try await withPloton({ config in
                config.allowPrivateNetwork = allowPrivate
                config.weather.geocodingURL = fake.baseURL
                config.weather.forecastURL = fake.baseURL
            }) { t async throws in try await body(t, fake) }
        } catch {
            try await fake.stop()
            throw error
        }
        try await fake.stop()
    }

    @Test func example_1_with_a_live_key_calls_geocoding_then_forecast() async throws {
        try await withLiveWeather { t, fake in
            let id = try await t.createTask(#"{"prompt":"\#(TasksTests.example1)"}"#, key: t.liveKey)
            try await t.drain()
            let task = try await t.task(id, key: t.liveKey)
            #expect(task["status"] as? String == "complete", "\(task)")
            #expect(task["livemode"] as? Bool == true)
            let result = try #require(task["result"] as? [String: Any])
            #expect(result["temperature"] as? Double == 14.3)
            #expect(result["humidity"] as? Double == 72)
            #expect(result["conditions"] as? String == "Overcast")
            #expect(fake.currentCounts() == .init(geocode: 1, forecast: 1))
        }
    }

    @Test func server_errors_and_rate_limits_are_retried_with_their_waits_in_the_trace() async throws {
        try await withLiveWeather { t, fake in
            fake.failForecasts([(503, nil), (429, "0")])
            let id = try await t.createTask(#"{"prompt":"\#(TasksTests.example1)"}"#, key: t.liveKey)
            try await t.drain()
            #expect(try await t.task(id, key: t.liveKey)["status"] as? String == "complete")
            #expect(fake.currentCounts().forecast == 3)
            let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.liveKey).object
            let forecast = try #require((trace["steps"] as? [[String: Any]])?.last)
            #expect((forecast["recoveries"] as? [[String: Any]])?.map { $0["type"] as? String } == ["retry", "rate_limit_wait"])
        }
    }

    @Test func a_client_error_fails_at_once_and_an_unknown_place_is_explained() async throws {
        try await withLiveWeather { t, fake in
            fake.failForecasts([(400, nil)])
            let rejected = try await t.createTask(#"{"prompt":"\#(TasksTests.example1)"}"#, key: t.liveKey)
            let nowhere = try await t.createTask(#"{"prompt":"What is the weather in Atlantis?"}"#, key: t.liveKey)
            try await t.drain()
            let error = try #require(try await t.task(rejected, key: t.liveKey)["error"] as? [String: Any])
            #expect(error["code"] as? String == "service_error")
            #expect(error["tool"] as? String == "weather")
            #expect(fake.currentCounts().forecast == 1)
            let missing = try #require(try await t.task(nowhere, key: t.liveKey)["error"] as? [String: Any])
            #expect(missing["code"] as? String == "place_not_found")
            #expect(missing["suggestion"] is String)
        }
    }

    @Test func private_addresses_are_refused_unless_allowed() async throws {
        try await withLiveWeather(allowPrivate: false) { t, fake in
            let id = try await t.createTask(#"{"prompt":"\#(TasksTests.example1)"}"#, key: t.liveKey)
            try await t.drain()
            let error = try #require(try await t.task(id, key: t.liveKey)["error"] as? [String: Any])
            #expect(error["code"] as? String == "destination_not_allowed")
            #expect(fake.currentCounts() == .init(geocode: 0, forecast: 0))
        }
    }

    @Test func network_policy_classifies_addresses() async throws {
        for address in [
            "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "0.0.0.0", "::1", "fe80::1",
            "fd00::1", "::ffff:127.0.0.1", "100.64.0.1",
        ] {
            #expect(NetworkPolicy.isPrivate(address), "\(address)")
        }
        for address in ["8.8.8.8", "172.32.0.1", "1.1.1.1", "2606:4700:4700::1111"] {
            #expect(!NetworkPolicy.isPrivate(address), "\(address)")
        }
        // The checked address is the one the request is pinned to; names resolving privately are refused.
        #expect(try await NetworkPolicy.check(url: "https://1.1.1.1/dns-query", allowPrivate: false)?.address == "1.1.1.1")
        await #expect(throws: ToolFailure.self) { try await NetworkPolicy.check(url: "http://localhost:9/", allowPrivate: false) }
        await #expect(throws: ToolFailure.self) { try await NetworkPolicy.check(url: "http://[::1]:9/", allowPrivate: false) }
        await #expect(throws: ToolFailure.self) { try await NetworkPolicy.check(url: "file:///etc/passwd", allowPrivate: false) }
        #expect(try await NetworkPolicy.check(url: "http://localhost:9/", allowPrivate: true) == nil)
    }
}
