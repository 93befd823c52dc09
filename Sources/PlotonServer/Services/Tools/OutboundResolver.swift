import Foundation
import PlotonCore
import Synchronization

/// How outbound requests find their addresses when the destination policy is on: the operator's
/// fixed answers first (`PLOTON_OUTBOUND_HOSTS`), then the system resolver, whose answers are
/// kept for `cacheSeconds` so a busy destination costs one blocking lookup per interval, not one
/// per request. Every answer, cached or fixed, is checked against the policy on every request;
/// `allowedNetworks` (`PLOTON_OUTBOUND_ALLOWED_NETWORKS`) are ranges the operator lets through.
final class OutboundResolver: Sendable {
    let settings: OutboundSettings
    private let cache = Mutex<[String: (addresses: [String], until: ContinuousClock.Instant)]>([:])
    private let lookup: @Sendable (String) -> [String]

    init(settings: OutboundSettings = OutboundSettings(), lookup: @escaping @Sendable (String) -> [String] = { NetworkPolicy.resolve($0) })
    {
        self.settings = settings
        self.lookup = lookup
    }

    /// The host's addresses; empty when it does not resolve (not cached, so it is asked again).
    func addresses(_ host: String) -> [String] {
        let name = host.lowercased()
        if let fixed = settings.hosts[name] { return [fixed] }
        let now = ContinuousClock.now
        if let entry = cache.withLock({ $0[name] }), entry.until > now { return entry.addresses }
        let addresses = lookup(host)
        guard !addresses.isEmpty, settings.dnsCacheSeconds > 0 else { return addresses }
        cache.withLock { cache in
            if cache.count >= 10_000 { cache.removeAll() }  // bounded: many distinct hosts start over
            cache[name] = (addresses, now + .seconds(settings.dnsCacheSeconds))
        }
        return addresses
    }

    /// Why the policy refuses `address`, unless the operator allowed its network.
    func refusal(_ address: String) -> String? {
        if let parsed = IPAddress(address), settings.allowedNetworks.contains(where: { $0.contains(parsed.unmapped) }) { return nil }
        return NetworkPolicy.refusal(address)
    }
}
