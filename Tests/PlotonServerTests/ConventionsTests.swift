import Fluent
import Foundation
import Testing
import VaporTesting

@testable import PlotonServer

@Suite struct ConventionsTests {
    @Test func every_response_carries_a_request_id_equal_to_the_error_request_id() async throws {
        try await withPloton { t async throws in
            let ok = try await t.send(.GET, "v1/api_keys", key: t.liveKey)
            let okID = try #require(ok.headers.first(name: "X-Request-Id"))
            #expect(okID.hasPrefix("req_"))

            let failed = try await t.send(.GET, "v1/api_keys")
            let failedID = try #require(failed.headers.first(name: "X-Request-Id"))
            #expect(try failed.error["request_id"] as? String == failedID)
            #expect(failedID != okID)
            #expect(failed.headers.contentType == .json)
        }
    }

    @Test func a_client_supplied_request_id_is_not_trusted() async throws {
        try await withPloton { t async throws in
            let response = try await t.send(.GET, "v1/api_keys", key: t.liveKey, headers: ["X-Request-Id": "evil\nvalue"])
            #expect(response.headers.first(name: "X-Request-Id")?.hasPrefix("req_") == true)
        }
    }

    @Test(arguments: [(HTTPMethod.GET, "v1/nothing_here"), (.POST, "v1/tasks_typo"), (.GET, "nothing"), (.DELETE, "v1/api_keys/a/b")])
    func unknown_endpoints_are_not_found_in_the_envelope(method: HTTPMethod, path: String) async throws {
        try await withPloton { t async throws in
            let response = try await t.send(method, path, key: t.liveKey)
            #expect(response.status == .notFound)
            #expect(response.errorCode == "not_found")
            #expect(try (response.error["message"] as? String)?.contains("/\(path)") == true)
        }
    }

    @Test(arguments: [
        (HTTPMethod.PUT, "v1/api_keys", "GET, POST"), (.PATCH, "v1/api_keys/key_x", "GET, DELETE"),
        (.TRACE, "health", "GET"), (.GET, "v1/api_keys/key_x/roll", "POST"),
    ])
    func a_known_path_with_another_method_is_method_not_allowed(method: HTTPMethod, path: String, allow: String) async throws {
        try await withPloton { t async throws in
            let response = try await t.send(method, path, key: t.liveKey)
            #expect(response.status == .methodNotAllowed)
            #expect(response.errorCode == "method_not_allowed")
            #expect(response.headers.first(name: .allow) == allow)
        }
    }

    @Test func bodies_over_one_mebibyte_are_payload_too_large() async throws {
        try await withPloton { t async throws in
            let big = "{\"name\":\"" + String(repeating: "a", count: 1 << 20) + "\",\"environment\":\"test\"}"
            for headers: HTTPHeaders in [[:], ["Idempotency-Key": "big-1"]] {
                let response = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: big, headers: headers)
                #expect(response.status == .payloadTooLarge)
                #expect(response.errorCode == "payload_too_large")
            }
            #expect(try await APIKey.query(on: t.db).count() == 2)
        }
    }

    @Test func a_non_json_body_is_refused_by_media_type() async throws {
        try await withPloton { t async throws in
            let response = try await t.send(
                .POST, "v1/api_keys", key: t.liveKey, headers: ["Content-Type": "text/plain"])
            #expect(response.status == .badRequest)  // empty body: the missing name is the problem
            let form = try await t.app.testing().sendRequest(
                .POST, "v1/api_keys",
                headers: ["Authorization": "Bearer \(t.liveKey)", "Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "name=x&environment=test"))
            #expect(form.status == .unsupportedMediaType)
            #expect(form.errorCode == "unsupported_media_type")
            let labelled = try await t.app.testing().sendRequest(
                .POST, "v1/api_keys",
                headers: ["Authorization": "Bearer \(t.liveKey)", "Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: #"{"name":"curl","environment":"test"}"#))
            #expect(labelled.status == .created, "a JSON body is accepted whatever its label, as curl -d sends")
        }
    }

    @Test func health_reports_ok() async throws {
        try await withPloton { t async throws in
            let response = try await t.send(.GET, "health")
            #expect(response.status == .ok)
            #expect(try response.object["status"] as? String == "ok")
        }
    }
}
