import Vapor

/// Renders every error thrown below it as the documented JSON error envelope.
struct ErrorEnvelopeMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return ErrorResponse.response(for: error, request: request)
        }
    }
}
