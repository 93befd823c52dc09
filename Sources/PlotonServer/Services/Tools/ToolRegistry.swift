import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import SQLKit

/// The tools one account environment can use: the built-ins plus its custom tools, and the sealed
/// secrets that go with them.
struct ToolRegistry {
    let database: any Database
    let services: PlotonServices
    let accountID: String
    let environment: PlotonEnvironment

    private var now: Date { services.clock.now() }

    /// The built-ins and the custom tools (a task run reads this once).
    func catalog() async throws -> ToolCatalog {
        let custom = try await customTools()
        return custom.isEmpty ? services.catalog : services.catalog.adding(custom.map(\.definition.descriptor))
    }

    /// A probe for custom tools that rides on the request's key lookup (`KeyLookup`): a row when
    /// the key's account environment has any, so a create without custom tools (most) makes no
    /// statement for its catalogue. Read after every commit before the request, as the probe of
    /// its own was: a tool created through the API is in the very next task's catalogue.
    static let joinedProbe = JoinedRead(
        columns: "c.id AS custom_tool_id", join: "custom_tools c ON c.account_id = k.account_id AND c.environment = k.environment",
        presence: "custom_tool_id")

    /// The catalogue, when `joinedProbe` found `probed` (nil: no custom tools).
    func catalog(probed: (any SQLRow)?) async throws -> ToolCatalog {
        guard probed != nil else { return services.catalog }
        return try await catalog()
    }

    private func hasCustomTools() async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { return true }
        return try await sql.raw(
            "SELECT 1 AS found FROM custom_tools WHERE account_id = \(bind: accountID) AND environment = \(bind: environment.rawValue) LIMIT 1"
        ).first() != nil
    }

    /// By name; for an account without custom tools (most) one indexed `SELECT 1`, no model query.
    func customTools() async throws -> [CustomTool] {
        guard try await hasCustomTools() else { return [] }
        return try await scoped(CustomTool.query(on: database)).sort(\.$name).all()
    }

    func find(_ name: String) async throws -> CustomTool? {
        try await scoped(CustomTool.query(on: database)).filter(\.$name == name).first()
    }

    func register(_ definition: ToolDefinition) async throws -> CustomTool {
        guard services.catalog.tool(definition.name) == nil else {
            throw ToolError.builtInName(definition.name)
        }
        guard try await find(definition.name) == nil else {
            throw ToolError.nameTaken(definition.name)
        }
        let tool = CustomTool(accountID: accountID, environment: environment, definition: definition, now: now)
        try store(definition, in: tool)
        try await tool.create(on: database)
        return tool
    }

    func replace(_ tool: CustomTool, with definition: ToolDefinition) async throws -> CustomTool {
        guard definition.name == tool.name else {
            throw ToolError.renamed
        }
        let moved = definition.movesSecrets(from: tool.definition)
        if moved { tool.sealedClientSecret = nil }
        try store(definition, in: tool)
        tool.updatedAt = now
        try await database.writeTransaction { database in
            try await tool.update(on: database)
            if moved { try await discardSecrets(of: tool.name, on: database) }
        }
        return tool
    }

    /// A tool registered again under this name must not inherit its predecessor's grants.
    func delete(_ tool: CustomTool) async throws {
        try await database.writeTransaction { database in
            try await discardSecrets(of: tool.name, on: database)
            try await tool.delete(on: database)
        }
    }

    /// Keeps the definition without its client secret, which is sealed to this tool alone.
    private func store(_ definition: ToolDefinition, in tool: CustomTool) throws {
        var stored = definition
        if let secret = definition.auth.clientSecret {
            tool.sealedClientSecret = try services.secretBox.seal(
                secret,
                associatedData: CustomTool.associatedData(
                    accountID: accountID, environment: environment.rawValue, tool: definition.name, purpose: "client_secret"))
        }
        stored.auth.clientSecret = nil
        tool.definition = stored
    }

    func setCredentials(_ credentials: ToolCredentials, for tool: String) async throws -> Date {
        let (kind, payload): (ToolCredential.Kind, JSONValue) =
            switch credentials {
            case .apiKey(let key): (.apiKey, .object(["api_key": .string(key)]))
            case .bearer(let token): (.bearer, .object(["token": .string(token)]))
            case .basic(let username, let password): (.basic, .object(["username": .string(username), "password": .string(password)]))
            }
        let sealed = try services.secretBox.seal(payload.jsonText, associatedData: credentialData(tool))
        let record = try await scoped(ToolCredential.query(on: database)).filter(\.$tool == tool).first() ?? ToolCredential()
        record.$account.id = accountID
        record.environment = environment
        record.tool = tool
        record.kind = kind
        record.sealedSecret = sealed
        record.updatedAt = now
        try await record.save(on: database)
        return now
    }

    func credentials(for tool: String) async throws -> ToolCredentials? {
        guard let record = try await scoped(ToolCredential.query(on: database)).filter(\.$tool == tool).first() else { return nil }
        let payload = JSONValue.parse(try services.secretBox.open(record.sealedSecret, associatedData: credentialData(tool)))
        switch record.kind {
        case .apiKey: return payload?.value(at: "api_key")?.stringValue.map(ToolCredentials.apiKey)
        case .bearer: return payload?.value(at: "token")?.stringValue.map(ToolCredentials.bearer)
        case .basic:
            guard let username = payload?.value(at: "username")?.stringValue, let password = payload?.value(at: "password")?.stringValue
            else {
                return nil
            }
            return .basic(username: username, password: password)
        }
    }

    func hasCredentials(for tool: String) async throws -> Bool {
        try await scoped(ToolCredential.query(on: database)).filter(\.$tool == tool).count() > 0
    }

    /// The names of the tools with stored credentials, in one read (for a list of tools).
    func toolsWithCredentials() async throws -> Set<String> {
        guard let sql = database as? any SQLDatabase else { throw DatabaseWithoutSQL() }
        let rows = try await sql.raw(
            "SELECT tool FROM tool_credentials WHERE account_id = \(bind: accountID) AND environment = \(bind: environment.rawValue)"
        ).all()
        return Set(try rows.map { try $0.decode(column: "tool", as: String.self) })
    }

    private func credentialData(_ tool: String) -> String {
        CustomTool.associatedData(accountID: accountID, environment: environment.rawValue, tool: tool, purpose: "tool_credential")
    }

    private func scoped(_ query: QueryBuilder<CustomTool>) -> QueryBuilder<CustomTool> {
        query.filter(\.$account.$id == accountID).filter(\.$environment == environment)
    }

    private func scoped(_ query: QueryBuilder<ToolCredential>) -> QueryBuilder<ToolCredential> {
        query.filter(\.$account.$id == accountID).filter(\.$environment == environment)
    }
}
