import PlotonAPI
import Vapor

/// Refuses a URL carrying NUL (`%00`) in its path or query with `400 invalid_request`: PostgreSQL
/// text cannot hold U+0000, so an id or a filter with one would otherwise fail as a 500 there.
/// String fields in JSON bodies are checked where they are read (`RequestFields.string`).
struct NULCharacterMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard !request.url.string.contains("%00"), !request.url.string.unicodeScalars.contains("\0") else {
            return request.eventLoop.makeFailedFuture(APIFailure(.invalidRequest, "The URL must not contain NUL (%00) characters."))
        }
        return next.respond(to: request)
    }
}
