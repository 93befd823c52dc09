import Foundation
import PlotonAPI
import Testing
import VaporTesting

@testable import PlotonServer

/// Each event and its payload are defined once, in PlotonAPI (`EventType`, `EventObject`): the
/// webhook body is the API's event object less `object`, `livemode` and `delivery_status`, and the
/// OpenAPI document lists the same event names.
@Suite struct EventDefinitionTests {
    @Test func the_webhook_body_is_the_api_event_without_its_api_fields() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"\#(TasksTests.example1)","user_id":"ann","metadata":{"order":"42"}}"#)
            try await t.drain()
            let events = try await t.events(for: id)
            #expect(events.map(\.type.rawValue).contains(EventType.taskComplete.rawValue))
            for event in events {
                let body = try #require(try JSONSerialization.jsonObject(with: Data(try event.payload.jsonText.utf8)) as? NSDictionary)
                var api = try await t.send(.GET, "v1/events/\(event.id ?? "")", key: t.testKey).object
                for field in ["object", "livemode", "delivery_status"] { #expect(api.removeValue(forKey: field) != nil) }
                #expect(body == api as NSDictionary, "\(event.type)")
                let decoded = try PlotonJSON.decoder().decode(EventObject.self, from: Data(try event.payload.jsonText.utf8))
                #expect(try decoded.type == event.type && decoded.webhookBody() == event.payload)
            }
        }
    }

    @Test func the_openapi_document_names_the_same_events() async throws {
        try await withPloton { t async throws in
            let document = try await t.send(.GET, "v1/openapi.json").object
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            #expect((schemas["WebhookEventType"] as? [String: Any])?["enum"] as? [String] == EventType.names)
            let endpoint = (schemas["WebhookEndpoint"] as? [String: Any])?["properties"] as? [String: Any]
            let items = (endpoint?["events"] as? [String: Any])?["items"] as? [String: Any]
            #expect(items?["enum"] as? [String] == EventType.names + ["*"])
        }
    }
}
