import Tracing
import Vapor

/// Renders every error thrown below it as the documented JSON error envelope. Future-returning,
/// like the rest of the chain's synchronous middlewares: an `AsyncMiddleware` starts a task and
/// hops back per request.
struct ErrorEnvelopeMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let context = ServiceContext.current  // the request's trace, for the error's log line
        return next.respond(to: request).recover { error in
            ServiceContext.withValue(context) { ErrorResponse.response(for: error, request: request) }
        }
    }
}
