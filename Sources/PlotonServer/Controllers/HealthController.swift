import Vapor

/// `GET /health`: liveness. 200 while the process runs and serves HTTP, whatever the database
/// does, so an orchestrator never restarts a healthy process during a database outage.
/// `GET /ready` (ReadinessController) is the one that checks the database.
enum HealthController {
    /// `GET /`: a constant answer, no database.
    @Sendable static func hello(req: Request) async throws -> Response {
        try ["object": "server", "name": "Ploton", "openapi": "/v1/openapi.json"].jsonResponse()
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try ["status": "ok"].jsonResponse()
    }
}
