import Foundation
import PlotonCore

/// Where outbound requests may go and how their host names resolve while the destination
/// policy is on (`PLOTON_ALLOW_PRIVATE_NETWORK=false`).
public struct OutboundSettings: Sendable {
    /// Fixed answers, host name (lowercase) to address (`PLOTON_OUTBOUND_HOSTS`); still checked against the policy.
    public var hosts: [String: String] = [:]
    /// Ranges the policy lets through although it would refuse them (`PLOTON_OUTBOUND_ALLOWED_NETWORKS`).
    public var allowedNetworks: [IPNetwork] = []
    /// How long a resolved host's addresses are reused (`PLOTON_OUTBOUND_DNS_CACHE_SECONDS`; 0 = every request).
    public var dnsCacheSeconds: TimeInterval = 30
    /// How long an idle kept connection stays open (`PLOTON_OUTBOUND_IDLE_SECONDS`); below the
    /// receivers' own keep-alive, so Ploton closes first.
    public var idleSeconds: TimeInterval = 4
    /// Certificates (PEM) trusted for outbound HTTPS besides the system's (`PLOTON_OUTBOUND_CA_FILE`):
    /// a private CA's, or a self-signed receiver's.
    public var trustedCertificatesFile: String?
    /// How many connections a client keeps open to one host at once: `configure` raises it to the
    /// webhook dispatcher's `maxPerDestination`, so the dispatcher's adaptive limit, not the HTTP
    /// client's pool (8 by default), bounds the requests a receiver sees at once.
    public var connectionsPerHost = 8

    public init() {}

    /// From `PLOTON_OUTBOUND_HOSTS` (`name=address,…`), `PLOTON_OUTBOUND_ALLOWED_NETWORKS` (CIDR
    /// ranges, comma-separated), `PLOTON_OUTBOUND_DNS_CACHE_SECONDS` (0 to 86,400) and
    /// `PLOTON_OUTBOUND_IDLE_SECONDS` (1 to 3,600) and `PLOTON_OUTBOUND_CA_FILE` (a readable PEM file).
    static func load(_ value: (String) -> String?, problems: inout [String]) -> OutboundSettings {
        var settings = OutboundSettings()
        if let raw = value("PLOTON_OUTBOUND_HOSTS") {
            let pairs = raw.split(separator: ",").map {
                $0.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            }
            if pairs.allSatisfy({ $0.count == 2 && !$0[0].isEmpty && IPAddress($0[1]) != nil }) {
                settings.hosts = Dictionary(pairs.map { ($0[0].lowercased(), $0[1]) }, uniquingKeysWith: { _, last in last })
            } else {
                problems.append("PLOTON_OUTBOUND_HOSTS must be comma-separated name=address pairs (hooks.internal=10.0.0.7)")
            }
        }
        if let raw = value("PLOTON_OUTBOUND_ALLOWED_NETWORKS") {
            let networks = raw.split(separator: ",").map { IPNetwork($0.trimmingCharacters(in: .whitespaces)) }
            if networks.allSatisfy({ $0 != nil }) {
                settings.allowedNetworks = networks.compactMap { $0 }
            } else {
                problems.append("PLOTON_OUTBOUND_ALLOWED_NETWORKS must list IP addresses or CIDR ranges (10.0.0.0/8), comma-separated")
            }
        }
        if let raw = value("PLOTON_OUTBOUND_DNS_CACHE_SECONDS") {
            if let seconds = Int(raw), (0...86_400).contains(seconds) {
                settings.dnsCacheSeconds = TimeInterval(seconds)
            } else {
                problems.append("PLOTON_OUTBOUND_DNS_CACHE_SECONDS must be a whole number from 0 to 86400")
            }
        }
        if let raw = value("PLOTON_OUTBOUND_IDLE_SECONDS") {
            if let seconds = Int(raw), (1...3_600).contains(seconds) {
                settings.idleSeconds = TimeInterval(seconds)
            } else {
                problems.append("PLOTON_OUTBOUND_IDLE_SECONDS must be a whole number from 1 to 3600")
            }
        }
        if let path = value("PLOTON_OUTBOUND_CA_FILE"), !path.isEmpty {
            if let pem = FileManager.default.contents(atPath: path),
                String(decoding: pem, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----")
            {
                settings.trustedCertificatesFile = path
            } else {
                problems.append("PLOTON_OUTBOUND_CA_FILE must name a readable file of PEM certificates")
            }
        }
        return settings
    }
}
