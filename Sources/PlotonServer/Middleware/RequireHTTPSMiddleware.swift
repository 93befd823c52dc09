import PlotonAPI
import PlotonCore
import Vapor

/// With `PLOTON_REQUIRE_HTTPS=true`, refuses plain-HTTP API requests (403 `https_required`).
/// Ploton itself speaks plain HTTP behind a TLS-terminating proxy, so "HTTPS" means the proxy says
/// so in `X-Forwarded-Proto`, believed only when the socket's own peer is in
/// `PLOTON_TRUSTED_PROXIES`. `X-Forwarded-For` and `Forwarded` are written by clients as easily as
/// by proxies, so they never decide who the peer is.
struct RequireHTTPSMiddleware: Middleware {
    let trustedProxies: [IPNetwork]

    init(trustedProxies: [String]) {
        self.trustedProxies = trustedProxies.compactMap(IPNetwork.init)
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard isHTTPS(request) else {
            return request.eventLoop.makeFailedFuture(
                APIFailure(.httpsRequired, "This server accepts API requests over HTTPS only. Use an https:// base URL."))
        }
        return next.respond(to: request)
    }

    private func isHTTPS(_ request: Request) -> Bool {
        if request.url.scheme == "https" { return true }
        guard let text = request.remoteAddress?.ipAddress, let peer = IPAddress(text)?.unmapped,
            trustedProxies.contains(where: { $0.contains(peer) })
        else { return false }
        let proto = request.headers.first(name: "X-Forwarded-Proto")?
            .split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased()
        return proto == "https"
    }
}
