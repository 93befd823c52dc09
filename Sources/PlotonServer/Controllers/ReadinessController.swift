import Fluent
import Vapor

/// `GET /ready`: whether this process should get traffic from a load balancer: the database
/// answers within `timeout`, every migration this build knows is applied, and the process is not
/// draining. 200 or 503, with the reason; never waits on a dead database longer than `timeout`.
/// `GET /health` stays liveness: it answers while the process runs, database or not.
enum ReadinessController {
    static let timeout: TimeInterval = 2

    struct Body: Encodable {
        var status: String
        var database: String
        var migrations: String
        var draining: Bool
    }

    private enum Probe: Sendable { case current, pending, unreachable }

    @Sendable static func show(req: Request) async throws -> Response {
        let app = req.application
        let check = Task { () -> Probe in
            do {
                let applied = Set(try await appliedMigrations(app))
                return PlotonMigrations.all.allSatisfy { applied.contains($0.name) } ? .current : .pending
            } catch {
                app.availability.databaseFailed(error, logger: req.logger)
                return .unreachable
            }
        }
        let probe = await ClaimDeadline.value(of: check, within: timeout) ?? .unreachable
        if probe != .unreachable { app.availability.databaseAnswered(logger: req.logger) }
        let draining = app.availability.isDraining
        let ready = probe == .current && !draining
        let body = Body(
            status: ready ? "ready" : "not_ready", database: probe == .unreachable ? "unreachable" : "ok",
            migrations: probe == .unreachable ? "unknown" : probe == .current ? "current" : "pending", draining: draining)
        let response = try body.jsonResponse(status: ready ? .ok : .serviceUnavailable)
        if !ready { response.headers.replaceOrAdd(name: .retryAfter, value: String(ErrorResponse.retryAfterSeconds)) }
        return response
    }
}
