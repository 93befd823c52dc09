import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import PlotonCore
import Tracing

/// Every request Ploton makes to the outside world goes through here: a timeout, no redirects, and
/// a check that the destination is not on this machine or a private network unless
/// `PLOTON_ALLOW_PRIVATE_NETWORK=true` (so a tool definition cannot reach internal services).
struct OutboundHTTP: Sendable {
    let client: HTTPClient
    let allowPrivateNetwork: Bool
    var resolver = OutboundResolver()
    /// Kept clients per checked destination (keep-alive with the policy on); nil: one client per request.
    var pinned: PinnedClients?
    var timeout: TimeAmount = .seconds(30)

    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: ByteBuffer

        var json: JSONValue? { JSONValue.parse(String(buffer: body)) }
    }

    /// How every outbound client is set up: no redirects, bounded waits, idle connections closed
    /// after `idleSeconds` (`PLOTON_OUTBOUND_IDLE_SECONDS`, 4 by default: before the 5-second
    /// keep-alive of common servers — uvicorn, Node.js, Apache — closes them, so a request is not
    /// written onto a connection the peer is closing at that moment), and the system's trusted
    /// certificates plus the operator's (`PLOTON_OUTBOUND_CA_FILE`).
    static func configuration(read: TimeAmount? = nil, settings: OutboundSettings = OutboundSettings()) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: read))
        // Without a tracer (tracing off) the client would still open a no-op span and work out its attributes for every
        // request: 2.5 % of the server's samples delivering webhooks (session 27 profile). Ours (`PlotonTracing.outbound`)
        // still wraps each request.
        if InstrumentationSystem.tracer is NoOpTracer { configuration.tracing.tracer = nil }
        configuration.connectionPool = .init(
            idleTimeout: .milliseconds(Int64(settings.idleSeconds * 1000)),
            concurrentHTTP1ConnectionsPerHostSoftLimit: settings.connectionsPerHost)
        if let file = settings.trustedCertificatesFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.additionalTrustRoots = [.file(file)]
            configuration.tlsConfiguration = tls
        }
        return configuration
    }

    func get(_ url: String, headers: HTTPHeaders = [:]) async throws -> Reply {
        try await send(.GET, url, headers: headers)
    }

    func send(_ method: HTTPMethod, _ url: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> Reply {
        try await PlotonTracing.outbound(method, url, headers: headers) { headers in
            try await perform(method, url, headers: headers, body: body)
        }
    }

    private func perform(_ method: HTTPMethod, _ url: String, headers: HTTPHeaders, body: ByteBuffer?) async throws -> Reply {
        let pin = try await NetworkPolicy.check(url: url, allowPrivate: allowPrivateNetwork, resolver: resolver)
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        if let body { request.body = .bytes(body) }
        request.headers.replaceOrAdd(name: "User-Agent", value: "Ploton/1.0")
        // The address that passed the check is the one we connect to (no second lookup, so no DNS
        // rebinding); TLS still verifies the certificate against the host name.
        let (client, transient) =
            pin.map { pin in
                if let pinned { return pinned.client(host: pin.host, address: pin.address) }
                var configuration = Self.configuration(read: timeout, settings: resolver.settings)
                configuration.dnsOverride = [pin.host: pin.address]
                return (HTTPClient(eventLoopGroupProvider: .shared(self.client.eventLoopGroup), configuration: configuration), true)
            } ?? (self.client, false)
        defer { if transient { Task { try? await client.shutdown() } } }
        do {
            // One deadline for the head and the whole body.
            let deadline = NIODeadline.now() + timeout
            let response = try await client.execute(request, deadline: deadline)
            let body = try await response.collectBody(upTo: Self.maxReplyBytes, by: deadline)
            return Reply(status: Int(response.status.code), headers: response.headers, body: body)
        } catch let failure as ToolFailure {
            throw failure
        } catch {
            let host = URL(string: url)?.host ?? url
            throw ToolFailure(code: "service_unreachable", message: "Could not reach \(host): \(describe(error))", retryable: true)
        }
    }

    static let maxReplyBytes = 8 << 20

    private func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError, [.deadlineExceeded, .readTimeout].contains(error) {
            return "no complete answer within \(timeout.nanoseconds / 1_000_000) ms"
        }
        return error is NIOTooManyBytesError ? "the answer is larger than \(Self.maxReplyBytes >> 20) MiB" : "\(error)"
    }
}

/// Refuses destinations that are not public unicast addresses (`DestinationPolicy`): loopback,
/// private, link-local, NAT64, multicast, reserved and the rest, by the bytes of every address
/// the host resolves to.
enum NetworkPolicy {
    /// Checks the destination; returns the address to connect to (nil when private networks are allowed).
    @discardableResult
    static func check(url: String, allowPrivate: Bool, resolver: OutboundResolver? = nil) async throws -> (host: String, address: String)? {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme), let host = parsed.host
        else { throw ToolFailure(code: "invalid_destination", message: "\(url) is not an http(s) URL.") }
        guard !allowPrivate else { return nil }
        let addresses: [String]
        if let resolver {
            addresses = try await resolver.addresses(host)
        } else {
            addresses = try await BlockingLookups.run { resolve(host) }
        }
        guard !addresses.isEmpty else {
            throw ToolFailure(code: "service_unreachable", message: "\(host) does not resolve.", retryable: true)
        }
        for address in addresses {
            guard let reason = resolver.map({ $0.refusal(address) }) ?? refusal(address) else { continue }
            throw ToolFailure(
                code: "destination_not_allowed",
                message: "\(host) resolves to \(address), a \(reason) address; outbound requests may not go there.",
                suggestion: "Set PLOTON_ALLOW_PRIVATE_NETWORK=true if this service really runs on your network.")
        }
        return (host, addresses[0])
    }

    /// Why a host given as an address (in any form the resolver reads as one: `[::ffff:7f00:1]`,
    /// `2130706433`, `0x7f.1`) or named `localhost` may not be reached; nil for other names, which
    /// are checked when a request resolves them. Needs no DNS.
    static func literalRefusal(host: String, resolver: OutboundResolver? = nil) -> String? {
        let name = host.trimmingCharacters(in: ["[", "]"]).lowercased()
        let bare = name.hasSuffix(".") ? String(name.dropLast()) : name
        if bare == "localhost" || bare.hasSuffix(".localhost") { return "loopback" }
        return resolve(name, numericOnly: true).lazy.compactMap { address in resolver.map { $0.refusal(address) } ?? refusal(address) }
            .first
    }

    static func resolve(_ host: String, numericOnly: Bool = false) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        if numericOnly { hints.ai_flags = AI_NUMERICHOST }
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host.trimmingCharacters(in: ["[", "]"]), nil, &hints, &result) == 0, let first = result else { return [] }
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

    /// Why the resolver's numeric answer may not be reached; one that does not parse is refused too.
    static func refusal(_ address: String) -> String? {
        guard let parsed = IPAddress(address) else { return "unrecognised" }
        return DestinationPolicy.refusal(parsed)
    }

    static func isPrivate(_ address: String) -> Bool { refusal(address) != nil }
}
