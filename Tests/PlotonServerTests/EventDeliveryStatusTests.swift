import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// An event's delivery status is derived from its attempts when read (session 31): the API's
/// `delivery_status`, the `delivery_success` filter and `EventDeliveryStatus.of` agree, for every
/// mix of destinations, retries and redeliveries.
@Suite struct EventDeliveryStatusTests {
    @Test func the_status_is_each_destinations_latest_attempt_and_the_filter_agrees() async throws {
        try await withPloton { t async throws in
            let start = t.clock.now
            // Each event: its attempts as (destination, attempt, seconds after start, status).
            let cases: [(String?, [(String, Int, Double, WebhookDelivery.Status)])] = [
                (nil, []),
                ("succeeded", [("we_1", 1, 0, .failed), ("we_1", 2, 30, .succeeded), ("https://own.example/in", 1, 0, .succeeded)]),
                ("failed", [("we_1", 1, 0, .succeeded), ("we_2", 1, 0, .failed)]),
                ("pending", [("we_1", 1, 0, .failed), ("we_1", 2, 30, .pending), ("we_2", 1, 0, .succeeded)]),
                // A redelivery (attempt 1 again, later) that failed outweighs the earlier success.
                ("failed", [("we_1", 1, 0, .succeeded), ("we_1", 1, 60, .failed)]),
                // The same instant: the higher attempt is the latest.
                ("succeeded", [("we_1", 1, 0, .failed), ("we_1", 2, 0, .succeeded)]),
            ]
            var expected: [String: String?] = [:]
            for (status, attempts) in cases {
                let event = TaskEvent(kind: .taskProgress, accountID: t.accountID, environment: .test, task: nil, data: .null, now: start)
                try await event.create(on: t.db)
                for (destination, attempt, after, outcome) in attempts {
                    let endpoint = destination.hasPrefix("we_") ? destination : nil
                    let delivery = WebhookDelivery(
                        event: event, endpointID: endpoint, url: endpoint == nil ? destination : "https://hooks.example/\(destination)",
                        attempt: attempt, retries: true, scheduledAt: start, now: start.addingTimeInterval(after))
                    delivery.status = outcome
                    try await delivery.create(on: t.db)
                }
                expected[try event.requireID()] = status
            }

            let derived = try await EventDeliveryStatus.of(Array(expected.keys), on: t.db)
            #expect(derived.mapValues(\.rawValue) == expected.compactMapValues { $0 })
            for (id, status) in expected {
                let shown = try await t.send(.GET, "v1/events/\(id)", key: t.testKey).object
                #expect(shown["delivery_status"] as? String == status, "\(id)")
            }
            let listed = try await t.send(.GET, "v1/events?limit=100", key: t.testKey).object["data"] as? [[String: Any]] ?? []
            let shownInList = Dictionary(uniqueKeysWithValues: listed.map { ($0["id"] as? String ?? "", $0["delivery_status"] as? String) })
            #expect(shownInList.filter { expected.keys.contains($0.key) } == expected)
            for success in [true, false] {
                let page = try await t.send(.GET, "v1/events?delivery_success=\(success)&limit=100", key: t.testKey).object
                let ids = Set((page["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }).filter {
                    expected.keys.contains($0)
                }
                let wanted = Set(
                    expected.filter { success ? $0.value == "succeeded" : ($0.value == "failed" || $0.value == "pending") }.keys)
                #expect(ids == wanted, "delivery_success=\(success)")
            }
        }
    }
}
