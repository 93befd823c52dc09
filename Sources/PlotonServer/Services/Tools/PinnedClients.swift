import AsyncHTTPClient
import NIOCore
import Synchronization
import Vapor

/// One HTTP client per checked destination (host name and the address it was checked at), kept
/// so requests to it reuse keep-alive connections (and TLS sessions) instead of connecting anew:
/// the client only ever connects to that address, so a later DNS answer cannot redirect it.
/// Bounded; past the bound a request gets a client of its own, shut down after it.
final class PinnedClients: Sendable {
    private let clients = Mutex<[String: HTTPClient]>([:])
    private let eventLoopGroup: any EventLoopGroup
    private let maximum: Int
    private let settings: OutboundSettings

    init(eventLoopGroup: any EventLoopGroup, settings: OutboundSettings, maximum: Int = 256) {
        self.eventLoopGroup = eventLoopGroup
        self.settings = settings
        self.maximum = maximum
    }

    /// The client for `host` at `address`, and whether the caller must shut it down after use.
    func client(host: String, address: String) -> (client: HTTPClient, transient: Bool) {
        let key = "\(host)|\(address)"
        if let client = clients.withLock({ $0[key] }) { return (client, false) }
        var configuration = OutboundHTTP.configuration(settings: settings)
        configuration.dnsOverride = [host: address]
        let made = HTTPClient(eventLoopGroupProvider: .shared(eventLoopGroup), configuration: configuration)
        let kept = clients.withLock { clients -> HTTPClient? in
            if let existing = clients[key] { return existing }
            guard clients.count < maximum else { return nil }
            clients[key] = made
            return made
        }
        guard let kept else { return (made, true) }
        if kept !== made { Task { try? await made.shutdown() } }  // another request made it first
        return (kept, false)
    }

    func shutdown() async {
        let all = clients.withLock { clients in
            defer { clients = [:] }
            return Array(clients.values)
        }
        for client in all { try? await client.shutdown() }
    }

    struct Shutdown: LifecycleHandler {
        let clients: PinnedClients
        func shutdownAsync(_ app: Application) async { await clients.shutdown() }
    }
}
