import Vapor

/// `GET /health`: liveness. 200 while the process runs and serves HTTP, whatever the database
/// does, so an orchestrator never restarts a healthy process during a database outage.
/// `GET /ready` (ReadinessController) is the one that checks the database.
enum HealthController {
    /// `GET /`: a constant answer, no database. Synchronous and pre-encoded, so it is the framework's
    /// cheapest response (answered on the connection's event loop, no hop to the cooperative pool): the
    /// benchmarks' hello-world, which issue 16's read ratio divides by (session 36).
    @Sendable static func hello(req: Request) -> Response {
        Response.json(helloBody)
    }

    /// The body as `PlotonJSON.encoder()` writes `["object": "server", "name": "Ploton", "openapi": …]` (sorted keys).
    private static let helloBody = ByteBuffer(string: #"{"name":"Ploton","object":"server","openapi":"/v1/openapi.json"}"#)

    @Sendable static func show(req: Request) async throws -> Response {
        try ["status": "ok"].jsonResponse()
    }
}
