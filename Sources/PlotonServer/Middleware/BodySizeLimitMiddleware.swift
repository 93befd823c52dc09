import PlotonAPI
import Vapor

/// Refuses bodies over the limit (1 MiB) with `413 payload_too_large` before any work is done:
/// by `Content-Length` when declared, by size when already read. Chunked bodies are capped by the
/// same limit when they are collected.
struct BodySizeLimitMiddleware: Middleware {
    let maxBytes: Int

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let declared = request.headers.first(name: .contentLength).flatMap(Int.init)
        if (declared ?? 0) > maxBytes || (request.body.data?.readableBytes ?? 0) > maxBytes {
            return request.eventLoop.makeFailedFuture(Abort(.payloadTooLarge))
        }
        return next.respond(to: request)
    }
}
