import Fluent
import Foundation
import PlotonAPI
import PlotonCore

/// What one MCP session reaches: the account environment of the API key that opened it, and on
/// `/mcp/subagents/{name}` only that subagent's tools and tasks. The subagent is looked up on each
/// call, so a redeployed subagent's new boundary applies at once.
struct MCPScope: Sendable {
    let database: any Database
    let services: PlotonServices
    let principal: APIPrincipal
    let subagentName: String?

    var tasks: TaskService { TaskService(database: database, services: services, principal: principal) }

    var registry: ToolRegistry {
        ToolRegistry(database: database, services: services, accountID: principal.accountID, environment: principal.environment)
    }

    func subagent(named name: String) async throws -> SubagentObject? {
        try await SubagentService(registry: registry, now: services.clock.now()).find(name)
    }

    /// The endpoint's subagent; an error once it has been deleted.
    func boundary() async throws -> SubagentObject? {
        guard let subagentName else { return nil }
        guard let subagent = try await subagent(named: subagentName) else {
            throw APIFailure(.notFound, "The subagent '\(subagentName)' is no longer deployed here; connect to another endpoint.")
        }
        return subagent
    }

    /// The tools a call may use, with the subagent that bounds them.
    func catalog() async throws -> (ToolCatalog, SubagentObject?) {
        let catalog = try await registry.catalog()
        guard let subagent = try await boundary() else { return (catalog, nil) }
        return (catalog.restricted(to: subagent.tools), subagent)
    }

    /// A task of this scope: on a subagent's endpoint, only that subagent's tasks exist.
    func task(_ id: String) async throws -> AgentTask {
        let task = try await tasks.find(id)
        if let boundary = try await boundary(), task.subAgent != boundary.name { throw APIFailure.notFound("task", id: id) }
        return task
    }
}
