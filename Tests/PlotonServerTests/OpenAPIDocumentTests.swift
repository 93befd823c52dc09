import Foundation
import Testing
import VaporTesting

@testable import PlotonServer

@Suite struct OpenAPIDocumentTests {
    @Test func the_committed_document_is_served_without_a_key() async throws {
        try await withPloton { t async throws in
            let response = try await t.send(.GET, "v1/openapi.json")
            #expect(response.status == .ok)
            let document = try response.object
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(paths.keys.contains("/v1/api_keys"))
            #expect(paths.keys.contains("/v1/api_keys/{id}/roll"))
        }
    }
}
