import Foundation
import PlotonCore
import Synchronization

/// How outbound requests find their addresses when the destination policy is on: the operator's
/// fixed answers first (`PLOTON_OUTBOUND_HOSTS`), then the system resolver, whose answers are
/// kept for their DNS TTL, at most `dnsCacheSeconds` (that long when the TTL is not known), so a
/// busy destination costs one blocking lookup per interval, not one per request. Every answer,
/// cached or fixed, is checked against the policy on every request; `allowedNetworks`
/// (`PLOTON_OUTBOUND_ALLOWED_NETWORKS`) are ranges the operator lets through.
final class OutboundResolver: Sendable {
    /// A host's addresses, and how long DNS says they may be kept (nil: not known).
    struct Answer: Sendable {
        var addresses: [String]
        var ttl: TimeInterval?
    }

    let settings: OutboundSettings
    private let cache = Mutex<[String: (addresses: [String], until: ContinuousClock.Instant)]>([:])
    private let lookup: @Sendable (String) -> Answer

    init(settings: OutboundSettings = OutboundSettings(), lookup: @escaping @Sendable (String) -> Answer = OutboundResolver.system) {
        self.settings = settings
        self.lookup = lookup
    }

    /// The system resolver's addresses, and the TTL DNS gives them when the name is one.
    static func system(_ host: String) -> Answer {
        let addresses = NetworkPolicy.resolve(host)
        guard !addresses.isEmpty, IPAddress(host.trimmingCharacters(in: ["[", "]"])) == nil else { return Answer(addresses: addresses) }
        return Answer(addresses: addresses, ttl: DNSTTLLookup.seconds(host))
    }

    /// The host's addresses; empty when it does not resolve (not cached, so it is asked again).
    /// The system resolver blocks, so it is asked on `BlockingLookups`' threads.
    func addresses(_ host: String) async throws -> [String] {
        let name = host.lowercased()
        if let fixed = settings.hosts[name] { return [fixed] }
        let now = ContinuousClock.now
        if let entry = cache.withLock({ $0[name] }), entry.until > now { return entry.addresses }
        let answer = try await BlockingLookups.run { [lookup] in lookup(host) }
        let kept = min(answer.ttl ?? settings.dnsCacheSeconds, settings.dnsCacheSeconds)
        guard !answer.addresses.isEmpty, kept > 0 else { return answer.addresses }
        cache.withLock { cache in
            if cache.count >= 10_000 { cache.removeAll() }  // bounded: many distinct hosts start over
            cache[name] = (answer.addresses, now + .milliseconds(Int64(kept * 1000)))
        }
        return answer.addresses
    }

    /// Why the policy refuses `address`, unless the operator allowed its network.
    func refusal(_ address: String) -> String? {
        if let parsed = IPAddress(address), settings.allowedNetworks.contains(where: { $0.contains(parsed.unmapped) }) { return nil }
        return NetworkPolicy.refusal(address)
    }
}
