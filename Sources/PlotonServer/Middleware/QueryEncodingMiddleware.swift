import Foundation
import PlotonAPI
import Vapor

/// Refuses a query string that cannot be read, a name or value whose percent-encoding does not
/// decode to UTF-8 (`?status=%FF`, a lone `%`), with `400 invalid_request` naming the parameter:
/// Vapor's parser reads such a value as absent and such a name as no query at all, so
/// `GET /v1/tasks?status=%FF` listed every task instead of saying the filter was unreadable.
struct QueryEncodingMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let query = request.url.query, let failure = Self.unreadable(query) else { return next.respond(to: request) }
        return request.eventLoop.makeFailedFuture(failure)
    }

    /// The failure for the first parameter of `query` (still percent-encoded) that does not decode.
    static func unreadable(_ query: String) -> APIFailure? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts[0].removingPercentEncoding else {
                return APIFailure(.invalidRequest, "A query parameter's name is not valid percent-encoded UTF-8.")
            }
            if parts.count == 2, parts[1].removingPercentEncoding == nil {
                let shown = name.count > 64 ? String(name.prefix(64)) + "…" : name
                return APIFailure(.invalidRequest, "The value of \(shown) is not valid percent-encoded UTF-8.", param: shown)
            }
        }
        return nil
    }
}
