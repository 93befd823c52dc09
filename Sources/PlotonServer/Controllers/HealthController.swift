import Fluent
import Vapor

/// `GET /health`: 200 when the database answers, for load balancers and orchestrators.
enum HealthController {
    /// `GET /`: a constant answer, no database.
    @Sendable static func hello(req: Request) async throws -> Response {
        try ["object": "server", "name": "Ploton", "openapi": "/v1/openapi.json"].jsonResponse()
    }

    @Sendable static func show(req: Request) async throws -> Response {
        _ = try await Account.query(on: req.db).count()
        return try ["status": "ok"].jsonResponse()
    }
}
