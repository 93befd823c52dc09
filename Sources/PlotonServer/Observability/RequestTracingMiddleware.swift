import Instrumentation
import Tracing
import Vapor

/// Outermost when tracing is on: one server span per request, named by method and route template,
/// the child of the caller's span when it sends `traceparent`. The request's log line and every
/// line logged while it runs carry its `trace_id` and `span_id`. The path is recorded as it is
/// logged (hosted-page tokens redacted) and the query never is. A request it does not trace passes
/// straight through: no task is started for it, as an `AsyncMiddleware` would.
struct RequestTracingMiddleware: Middleware {
    /// Probes and scrapes, every few seconds from every balancer and Prometheus: no trace each.
    static let untraced: Set<String> = ["/health", "/ready", "/metrics"]

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard Self.traces(request) else { return next.respond(to: request) }
        let promise = request.eventLoop.makePromise(of: Response.self)
        promise.completeWithTask { try await traced(request, next: next) }
        return promise.futureResult
    }

    private func traced(_ request: Request, next: any Responder) async throws -> Response {
        var parent = ServiceContext.topLevel
        InstrumentationSystem.instrument.extract(request.headers, into: &parent, using: HTTPHeadersExtractor())
        let route = request.routeTemplate
        let name = route.map { "\(request.method.rawValue) \($0)" } ?? request.method.rawValue
        return try await withSpan(name, context: parent, ofKind: .server) { span in
            request.serviceContext = span.context
            span.attributes["http.request.method"] = request.method.rawValue
            span.attributes["url.path"] = LoggedPath.redacting(request.url.path)
            span.attributes["http.route"] = route
            let response = try await next.respond(to: request).get()
            span.attributes["http.response.status_code"] = Int(response.status.code)
            if response.status.code >= 500 { span.setStatus(SpanStatus(code: .error)) }
            return response
        }
    }

    /// A read (GET, HEAD) starts no trace of its own: a client polling a task would make a one-span
    /// trace per poll, most of tracing's cost (docs/operations.md). One whose caller sends
    /// `traceparent` is traced, in the caller's trace.
    static func traces(_ request: Request) -> Bool {
        guard !untraced.contains(request.url.path) else { return false }
        return (request.method != .GET && request.method != .HEAD) || request.headers.contains(name: "traceparent")
    }
}
