import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PlotonCore

/// Every request Ploton makes to the outside world goes through here: a timeout, no redirects, and
/// a check that the destination is not on this machine or a private network unless
/// `PLOTON_ALLOW_PRIVATE_NETWORK=true` (so a tool definition cannot reach internal services).
struct OutboundHTTP: Sendable {
    let client: HTTPClient
    let allowPrivateNetwork: Bool
    var timeout: TimeAmount = .seconds(30)

    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: ByteBuffer

        var json: JSONValue? { JSONValue.parse(String(buffer: body)) }
    }

    func get(_ url: String, headers: HTTPHeaders = [:]) async throws -> Reply {
        try await send(.GET, url, headers: headers)
    }

    func send(_ method: HTTPMethod, _ url: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> Reply {
        let pinned = try NetworkPolicy.check(url: url, allowPrivate: allowPrivateNetwork)
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        if let body { request.body = .bytes(body) }
        request.headers.replaceOrAdd(name: "User-Agent", value: "Ploton/1.0")
        // The address that passed the check is the one we connect to (no second lookup, so no DNS
        // rebinding); TLS still verifies the certificate against the host name.
        let client = pinned.map { pin in
            var configuration = HTTPClient.Configuration(
                redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: timeout))
            configuration.dnsOverride = [pin.host: pin.address]
            return HTTPClient(eventLoopGroupProvider: .shared(self.client.eventLoopGroup), configuration: configuration)
        }
        defer { if let client { Task { try? await client.shutdown() } } }
        do {
            let response = try await (client ?? self.client).execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 8 << 20)
            return Reply(status: Int(response.status.code), headers: response.headers, body: body)
        } catch let failure as ToolFailure {
            throw failure
        } catch {
            throw ToolFailure(
                code: "service_unreachable", message: "Could not reach \(URL(string: url)?.host ?? url): \(error)", retryable: true)
        }
    }
}

/// Refuses loopback, private, link-local and unspecified destinations by address.
enum NetworkPolicy {
    /// Checks the destination; returns the address to connect to (nil when private networks are allowed).
    @discardableResult
    static func check(url: String, allowPrivate: Bool) throws -> (host: String, address: String)? {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme), let host = parsed.host
        else { throw ToolFailure(code: "invalid_destination", message: "\(url) is not an http(s) URL.") }
        guard !allowPrivate else { return nil }
        let addresses = resolve(host)
        guard !addresses.isEmpty else {
            throw ToolFailure(code: "service_unreachable", message: "\(host) does not resolve.", retryable: true)
        }
        if let blocked = addresses.first(where: isPrivate) {
            throw ToolFailure(
                code: "destination_not_allowed",
                message: "\(host) resolves to \(blocked), a private or loopback address; outbound requests may not go there.",
                suggestion: "Set PLOTON_ALLOW_PRIVATE_NETWORK=true if this service really runs on your network.")
        }
        return (host, addresses[0])
    }

    static func resolve(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(info.pointee.ai_addr, info.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                addresses.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            cursor = info.pointee.ai_next
        }
        return addresses
    }

    static func isPrivate(_ address: String) -> Bool {
        if address.contains(":") {
            let lower = address.lowercased()
            return lower == "::1" || lower == "::" || lower.hasPrefix("fe80") || lower.hasPrefix("fc") || lower.hasPrefix("fd")
                || lower.hasPrefix("::ffff:") && isPrivate(String(lower.dropFirst(7)))
        }
        let octets = address.split(separator: ".").compactMap { Int($0) }
        guard octets.count == 4 else { return true }
        switch (octets[0], octets[1]) {
        case (10, _), (127, _), (0, _), (169, 254), (192, 168): return true
        case (172, 16...31): return true
        case (100, 64...127): return true  // carrier-grade NAT
        default: return false
        }
    }
}
