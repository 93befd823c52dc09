import PlotonCore
import Vapor

/// The services a request reaches, scoped to its principal's account and environment. API
/// controllers and dashboard pages both get their domain logic here, never from each other.
extension Request {
    func toolRegistry() throws -> ToolRegistry {
        let principal = try requirePrincipal()
        return ToolRegistry(database: db, services: ploton, accountID: principal.accountID, environment: principal.environment)
    }

    func toolAdministration() throws -> ToolAdministration { ToolAdministration(registry: try toolRegistry()) }

    func subagents() throws -> SubagentService { SubagentService(registry: try toolRegistry(), now: now) }

    func connections() throws -> ConnectionService {
        let principal = try requirePrincipal()
        return ConnectionService(database: db, services: ploton, accountID: principal.accountID, environment: principal.environment)
    }

    func events() throws -> EventService {
        let principal = try requirePrincipal()
        return EventService(
            database: db, wakeUp: ploton.webhookWakeUp, accountID: principal.accountID, environment: principal.environment, now: now)
    }

    func webhookEndpoints() throws -> WebhookEndpointService {
        let principal = try requirePrincipal()
        return WebhookEndpointService(
            database: db, accountID: principal.accountID, environment: principal.environment,
            allowPrivateNetwork: ploton.config.allowPrivateNetwork, resolver: ploton.outbound.resolver, now: now)
    }
}
