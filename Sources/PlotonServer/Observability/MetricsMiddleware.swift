import Vapor

/// Times every request by route template (`/v1/tasks/:id`, or `unmatched` when no route answers),
/// method and status class. Installed only when metrics are on. A future-returning middleware, not
/// an `AsyncMiddleware`: that would start a task per request, which cost more than the metric.
struct MetricsMiddleware: Middleware {
    static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let started = ContinuousClock.now
        return next.respond(to: request).map { response in
            let route = request.routeTemplate ?? "unmatched"
            let method = Self.methods.contains(request.method.rawValue) ? request.method.rawValue : "other"
            PlotonMetrics.request(route: route, method: method, status: response.status.code, elapsed: ContinuousClock.now - started)
            return response
        }
    }
}
