import Vapor

/// Times every request by route template (`/v1/tasks/:id`, or `unmatched` when no route answers),
/// method and status class. Installed only when metrics are on.
struct MetricsMiddleware: AsyncMiddleware {
    static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next.respond(to: request)
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let method = Self.methods.contains(request.method.rawValue) ? request.method.rawValue : "other"
        PlotonMetrics.request(route: route, method: method, status: response.status.code, elapsed: ContinuousClock.now - started)
        return response
    }
}
