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

    @Test func forwarding_headers_cannot_make_an_untrusted_peer_a_trusted_proxy() async throws {
        try await withPloton({
            $0.requireHTTPS = true; $0.trustedProxies = ["10.9.9.9", "10.0.0.0/8"]; $0.port = 0
        }) { t in
            let live = try t.app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            for spoof: HTTPHeaders in [
                ["X-Forwarded-For": "10.9.9.9"], ["X-Forwarded-For": "127.0.0.1, 10.9.9.9"], ["Forwarded": "for=10.9.9.9;proto=https"],
                ["X-Real-IP": "10.1.2.3"],
            ] {
                var headers: HTTPHeaders = ["Authorization": "Bearer \(t.liveKey)", "X-Forwarded-Proto": "https"]
                headers.add(contentsOf: spoof)
                let response = try await live.sendRequest(.GET, "v1/api_keys", headers: headers)
                #expect(response.status == .forbidden, "\(spoof)")
                #expect(response.errorCode == "https_required", "\(spoof)")
            }
        }
    }

    @Test func a_peer_inside_a_trusted_cidr_range_is_believed() async throws {
        try await withPloton({
            $0.requireHTTPS = true; $0.trustedProxies = ["10.0.0.0/8", "127.0.0.0/8"]; $0.port = 0
        }) { t in
            let live = try t.app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            let proxied = try await live.sendRequest(
                .GET, "v1/api_keys", headers: ["Authorization": "Bearer \(t.liveKey)", "X-Forwarded-Proto": "https"])
            #expect(proxied.status == .ok)
            let plain = try await live.sendRequest(.GET, "v1/api_keys", headers: ["Authorization": "Bearer \(t.liveKey)"])
            #expect(plain.errorCode == "https_required")
        }
    }

    @Test func trusted_proxies_are_addresses_or_cidr_ranges() throws {
        let config = try PlotonConfig.load(from: ["PLOTON_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.7 ,fd00::/8"])
        #expect(config.trustedProxies == ["10.0.0.0/8", "192.0.2.7", "fd00::/8"])
        for bad in ["10.0.0.0/33", "proxy.internal", "10.0.0.1;10.0.0.2"] {
            #expect {
                try PlotonConfig.load(from: ["PLOTON_TRUSTED_PROXIES": bad])
            } throws: { error in
                let problems = (error as? ConfigError)?.problems ?? []
                return problems.contains { $0.hasPrefix("PLOTON_TRUSTED_PROXIES must list") && !$0.contains(bad) }
            }
        }
    }

    @Test func https_is_not_required_by_default() async throws {
        try await withPloton { t async throws in
            #expect(try await t.send(.GET, "v1/api_keys", key: t.liveKey).status == .ok)
        }
    }
}
