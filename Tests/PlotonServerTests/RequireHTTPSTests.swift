import Foundation
import Testing
import VaporTesting

@testable import PlotonServer

@Suite struct RequireHTTPSTests {
    @Test func plain_http_is_refused_and_a_trusted_proxy_saying_https_is_believed() async throws {
        try await withPloton({
            $0.requireHTTPS = true; $0.port = 0
        }) { t in
            let live = try t.app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            let plain = try await live.sendRequest(.GET, "v1/api_keys", headers: .bearer(t.liveKey))
            #expect(plain.status == .forbidden)
            #expect(plain.errorCode == "https_required")

            let proxied = try await live.sendRequest(
                .GET, "v1/api_keys", headers: ["Authorization": "Bearer \(t.liveKey)", "X-Forwarded-Proto": "https"])
            #expect(proxied.status == .ok)
        }
    }

    @Test func an_untrusted_peer_cannot_claim_https() async throws {
        try await withPloton({
            $0.requireHTTPS = true; $0.trustedProxies = ["10.9.9.9"]; $0.port = 0
        }) { t in
            let live = try t.app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            let response = try await live.sendRequest(
                .GET, "v1/api_keys", headers: ["Authorization": "Bearer \(t.liveKey)", "X-Forwarded-Proto": "https"])
            #expect(response.errorCode == "https_required")
        }
    }

    @Test func https_is_not_required_by_default() async throws {
        try await withPloton { t async throws in
            #expect(try await t.send(.GET, "v1/api_keys", key: t.liveKey).status == .ok)
        }
    }
}
