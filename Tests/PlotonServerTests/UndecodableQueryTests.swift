import Foundation
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// A query value or name whose percent-encoding does not decode to UTF-8 is refused with
/// `400 invalid_request`, never read as "not given" (which listed everything a filter would have
/// narrowed). The table is every query parameter openapi.json documents, so a new filter is covered.
/// On the dashboard and the hosted pages, the refusal is a page, not the API's envelope.
@Suite(.serialized) struct UndecodableQueryTests {
    /// Bytes that are no UTF-8: a lone continuation byte, a cut-off three-byte sequence, an overlong `/`.
    static let undecodable = ["%FF", "%E2%82", "%C0%AF"]

    @Test func every_documented_query_parameter_with_an_undecodable_value_is_a_400_naming_it() async throws {
        let parameters = try Self.documentedQueryParameters()
        #expect(parameters.count >= 20, "openapi.json lists the list endpoints' limit, offset and filters")
        try await withPloton { t in
            for (path, name) in parameters {
                for value in Self.undecodable {
                    let response = try await t.send(.GET, "\(path)?\(name)=\(value)", key: t.liveKey)
                    #expect(response.status == .badRequest, "\(path)?\(name)=\(value): \(response.body.string)")
                    #expect(response.errorCode == "invalid_request", "\(path)?\(name)=\(value)")
                    #expect(try response.error["param"] as? String == name, "\(path)?\(name)=\(value)")
                    #expect(try (response.error["request_id"] as? String)?.hasPrefix("req_") == true)
                }
                // The same parameter read well still answers (a filter that matches nothing is an empty page).
                let readable = try await t.send(.GET, "\(path)?\(name)=", key: t.liveKey)
                #expect(readable.status != .badRequest, "\(path)?\(name)=: \(readable.body.string)")
            }
        }
    }

    @Test func an_undecodable_name_or_a_later_undecodable_parameter_is_refused_too() async throws {
        try await withPloton { t in
            for query in ["%FF=complete", "status=complete&%FF", "status=complete&note=%FF", "status=complete&limit=5&x=%E2%82"] {
                let response = try await t.send(.GET, "v1/tasks?\(query)", key: t.testKey)
                #expect(response.status == .badRequest, "?\(query): \(response.body.string)")
                #expect(response.errorCode == "invalid_request", "?\(query)")
            }
        }
    }

    @Test func a_write_with_an_undecodable_query_changes_nothing() async throws {
        try await withPloton { t in
            let refused = try await t.send(.POST, "v1/tasks?note=%FF", key: t.testKey, json: #"{"prompt":"weather in Oslo"}"#)
            #expect(refused.status == .badRequest, "\(refused.body.string)")
            #expect(try await AgentTask.query(on: t.db).count() == 0)
        }
    }

    @Test func a_page_with_an_undecodable_query_or_a_nul_is_answered_with_a_page() async throws {
        try await withPloton { t in
            let pages = [
                "dashboard/overview", "dashboard/sign-in", "approve/tok_0", "settings/tok_0", "credentials/weather", "auth/weather",
                "oauth/callback/weather", "sandbox/oauth/weather/authorize",
            ]
            for page in pages {
                for query in ["window=%FF", "%E2%82=1", "state=%00"] {
                    let response = try await t.app.testing().sendRequest(.GET, "\(page)?\(query)")
                    #expect(response.status == .badRequest, "\(page)?\(query): \(response.body.string)")
                    #expect(response.headers.contentType == .html, "\(page)?\(query): \(response.body.string)")
                    #expect(response.body.string.contains("Not done") && !response.body.string.contains("\"error\""))
                    #expect(response.headers.first(name: "X-Request-Id")?.hasPrefix("req_") == true)
                }
            }
            // What answers programs keeps the envelope: the API and the sandbox authorisation server's token endpoint.
            for path in ["v1/tasks?status=%FF", "sandbox/oauth/weather/token?x=%FF"] {
                let response = try await t.app.testing().sendRequest(.GET, path)
                #expect(response.status == .badRequest && response.errorCode == "invalid_request", "\(path): \(response.body.string)")
            }
        }
    }

    /// `(path, name)` for each query parameter of each GET in openapi.json; `{id}` becomes a well-formed id.
    static func documentedQueryParameters() throws -> [(path: String, name: String)] {
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: RepositoryPaths.openAPIDocument)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        let shared = ((document["components"] as? [String: Any])?["parameters"] as? [String: Any]) ?? [:]
        var found: [(path: String, name: String)] = []
        for (template, item) in paths.sorted(by: { $0.key < $1.key }) {
            guard let get = (item as? [String: Any])?["get"] as? [String: Any] else { continue }
            let path = String(template.dropFirst()).replacingOccurrences(of: #"\{[^}]+\}"#, with: "evt_0", options: .regularExpression)
            for parameter in (get["parameters"] as? [[String: Any]]) ?? [] {
                let resolved =
                    (parameter["$ref"] as? String).flatMap { shared[String($0.split(separator: "/").last ?? "")] as? [String: Any] }
                    ?? parameter
                guard resolved["in"] as? String == "query", let name = resolved["name"] as? String else { continue }
                found.append((path, name))
            }
        }
        return found
    }
}
