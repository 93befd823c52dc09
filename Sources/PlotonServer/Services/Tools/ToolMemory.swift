import Fluent
import Foundation
import PlotonCore

/// Execution memory of one tool in one account environment: how often each capability ran, how
/// it failed, how long it took, and the rate limits it met. Read from the rolled-up rows and the
/// steps not rolled up yet (`ToolMemoryRollup`), so its cost does not grow with the step log.
enum ToolMemory {
    static func report(tool: String, accountID: String, environment: PlotonEnvironment, on database: any Database) async throws -> JSONValue
    {
        let tallies = try await ToolMemoryRollup(database: database).tallies(
            tool: tool, accountID: accountID, environment: environment.rawValue)
        let capabilities = tallies.keys.sorted().map { name in (tallies[name] ?? ToolMemoryTally()).report(capability: name) }
        // Scopes end users ended up granting: asked for up front from the next consent on.
        let connections = try await Connection.query(on: database)
            .filter(\.$account.$id == accountID).filter(\.$environment == environment).filter(\.$tool == tool).all()
        let scopes = connections.reduce([String]()) { OAuthScopes.union($0, $1.scopes) }
        return .object([
            "object": .string("tool_memory"), "tool": .string(tool), "capabilities": .array(capabilities),
            "scopes_required": .array(scopes.map(JSONValue.string)),
        ])
    }
}
