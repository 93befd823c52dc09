import Tracing
import Vapor

/// Outermost middleware: gives every request a `req_…` id, echoes it in `X-Request-Id`, and writes
/// one structured log line per request (method, path without query and with hosted-page tokens
/// redacted, status, latency, key id).
struct RequestLogMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let started = ContinuousClock.now
        request.requestID = ObjectIDPrefix.request.generate()
        request.logger[metadataKey: "request-id"] = .string(request.requestID)
        let context = ServiceContext.current  // the request's trace, for the log line's trace_id
        return next.respond(to: request)
            .recover { ErrorResponse.response(for: $0, request: request) }
            .map { response in ServiceContext.withValue(context) { Self.logged(response, request: request, started: started) } }
    }

    private static func logged(_ response: Response, request: Request, started: ContinuousClock.Instant) -> Response {
        response.headers.replaceOrAdd(name: .xRequestId, value: request.requestID)
        // Above `info` the line is not written: its metadata (a formatted duration, the redacted path) is not built
        // either, which was about 4 % of a request's CPU (session 15 profile).
        guard request.logger.logLevel <= .info else { return response }
        let elapsed = ContinuousClock.now - started
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "path": .string(LoggedPath.redacting(request.url.path)),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string(
                String(format: "%.2f", Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)),
        ]
        if let principal = request.principal { metadata["api_key_id"] = .string(principal.keyID) }
        request.logger.info("request", metadata: metadata)
        return response
    }
}
