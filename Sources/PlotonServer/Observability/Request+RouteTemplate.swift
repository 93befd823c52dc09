import Vapor

extension Request {
    /// The matched route's path as registered (`/v1/tasks/:id`): a bounded label, unlike the URL.
    var routeTemplate: String? {
        route.map { "/" + $0.path.map(\.description).joined(separator: "/") }
    }
}
