import Fluent
import Vapor

/// `GET /health`: 200 when the database answers, for load balancers and orchestrators.
enum HealthController {
    @Sendable static func show(req: Request) async throws -> Response {
        _ = try await Account.query(on: req.db).count()
        return try ["status": "ok"].jsonResponse()
    }
}
