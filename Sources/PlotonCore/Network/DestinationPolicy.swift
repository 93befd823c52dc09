/// Where Ploton's outbound requests (tool calls, token and revocation endpoints, webhooks) may go:
/// public unicast addresses only, decided on the parsed bytes of every address a host resolves
/// to. IPv4 inside IPv6 (`::ffff:a.b.c.d`, 6to4 `2002:aabb:ccdd::`) is judged as the IPv4 address
/// it carries; other IPv6 outside global unicast (`2000::/3`) is refused whatever it is.
public enum DestinationPolicy {
    public struct Range: Sendable {
        public let network: IPNetwork
        public let name: String
    }

    /// Refused ranges (RFC 6890 special-purpose registries, plus multicast and reserved space).
    public static let refused: [Range] = [
        ("0.0.0.0/8", "this-network"), ("10.0.0.0/8", "private"), ("100.64.0.0/10", "carrier-grade NAT"),
        ("127.0.0.0/8", "loopback"), ("169.254.0.0/16", "link-local"), ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "IETF protocol assignment"), ("192.0.2.0/24", "documentation"), ("192.88.99.0/24", "6to4 relay"),
        ("192.168.0.0/16", "private"), ("198.18.0.0/15", "benchmarking"), ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"), ("224.0.0.0/4", "multicast"), ("240.0.0.0/4", "reserved"),
        ("::/128", "unspecified"), ("::1/128", "loopback"), ("::/96", "IPv4-compatible"), ("::ffff:0:0:0/96", "IPv4-translated"),
        ("64:ff9b::/96", "NAT64"), ("64:ff9b:1::/48", "local NAT64"), ("100::/64", "discard-only"), ("2001::/32", "Teredo"),
        ("2001::/23", "IETF protocol assignment"), ("2001:db8::/32", "documentation"), ("3fff::/20", "documentation"),
        ("fc00::/7", "unique local"), ("fe80::/10", "link-local"), ("fec0::/10", "site-local"), ("ff00::/8", "multicast"),
    ].map { Range(network: IPNetwork($0.0)!, name: $0.1) }

    static let ipv4Mapped = IPNetwork("::ffff:0:0/96")!
    static let sixToFour = IPNetwork("2002::/16")!
    static let globalUnicast = IPNetwork("2000::/3")!

    /// Why `address` may not be reached (for example "loopback"), or nil when it is public.
    public static func refusal(_ address: IPAddress) -> String? {
        if ipv4Mapped.contains(address) { return refusal(address.unmapped) }
        if sixToFour.contains(address) { return refusal(address.embeddedIPv4(at: 2)).map { "6to4 of a \($0)" } }
        if let range = refused.first(where: { $0.network.contains(address) }) { return range.name }
        if !address.isIPv4, !globalUnicast.contains(address) { return "non-global IPv6" }
        return nil
    }

    /// Whether `text` is an address and a public one; anything that does not parse is refused.
    public static func allows(_ text: String) -> Bool {
        IPAddress(text).map { refusal($0) == nil } ?? false
    }
}
