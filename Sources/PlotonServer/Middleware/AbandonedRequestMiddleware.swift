import Vapor

/// Stops the database work of a request nobody waits for any more: its client closed the
/// connection, or the idle timer (the request deadline) closed it. The request's database work runs
/// with the connection's watch (`AbandonedRequest.watch`): once the connection closes, its
/// PostgreSQL statement in progress is ended (`AbandonableDatabase`) and no further one starts.
/// What the request then fails with is answered `499` (logged, never sent: nobody reads it), not
/// as a database outage. The innermost of the global middlewares, so that the route's own
/// middlewares and handler (each run in a task Vapor starts from here, which inherits task-local
/// values) get the watch; future-returning, as an `AsyncMiddleware` would start a task and hop back
/// on every request.
struct AbandonedRequestMiddleware: Middleware {
    static let clientClosedRequest = HTTPResponseStatus(statusCode: 499, reasonPhrase: "Client Closed Request")

    let connections: ClientConnections

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // Only the API's reads: a write is carried out even if its client left (a change half made
        // helps nobody), and work a request starts in the background (a task's run, an MCP session
        // opened by its initialize POST, a task resumed by an OAuth callback page) would inherit
        // the watch and stop with the client.
        guard request.method == .GET || request.method == .HEAD, Self.isAPI(request),
            let watch = connections.watch(of: request)
        else { return next.respond(to: request) }
        return AbandonedRequest.$watch.withValue(watch) { next.respond(to: request) }.flatMapErrorThrowing { error in
            guard watch.isClosed else { throw error }
            request.logger.info("request abandoned: its connection closed before the answer")
            return Response(status: Self.clientClosedRequest)
        }
    }
}

extension AbandonedRequestMiddleware {
    /// Whether the request's path is under `/v1/`: a matched route beginning `v1` and a constant
    /// or parameter after it says so without reading `URI.path` (the router has read it); a route
    /// beginning otherwise with a constant says no; anything else (no route, a route beginning
    /// with a parameter or a wildcard) is decided from the path itself.
    static func isAPI(_ request: Request) -> Bool {
        if let route = request.route?.path, case .constant(let first) = route.first {
            if first != "v1" { return false }
            if route.count > 1 { return true }
        }
        return request.url.path.hasPrefix("/v1/")
    }
}

/// The client connection of the request whose work runs in this task, if it came on a watched one.
enum AbandonedRequest {
    @TaskLocal static var watch: ClientConnectionWatch?
}

/// A request's database work did not start, or was ended, because its client connection closed.
struct RequestAbandoned: Error, CustomStringConvertible {
    var description: String { "the request's client connection closed; its database work was stopped" }
}
