import Fluent

/// The token vault (connections), hosted authorisation sessions, and the sandbox authorisation
/// server's codes and tokens.
struct CreateConnections: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Connection.schema)
            .field("id", .string, .identifier(auto: false))
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("environment", .string, .required)
            .field("user_id", .string, .required)
            .field("tool", .string, .required)
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("scopes", .string, .required)
            .field("sealed_access_token", .string)
            .field("sealed_refresh_token", .string)
            .field("expires_at", .datetime)
            .field("refresh_owner", .string)
            .field("refresh_until", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .create()
        try await SQLIndex.create(
            on: database, name: "connections_by_user", table: Connection.schema, columns: ["account_id", "environment", "user_id", "tool"])

        try await database.schema(AuthSession.schema)
            .field("id", .string, .identifier(auto: false))
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("environment", .string, .required)
            .field("user_id", .string, .required)
            .field("tool", .string, .required)
            .field("scopes", .string, .required)
            .field("task_id", .string)
            .field("redirect_url", .string)
            .field("expires_at", .datetime, .required)
            .field("state_hash", .string)
            .field("state_expires_at", .datetime)
            .field("sealed_verifier", .string)
            .field("completed_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await SQLIndex.create(on: database, name: "auth_sessions_by_state", table: AuthSession.schema, columns: ["state_hash"])

        try await database.schema(SandboxGrant.schema)
            .field("id", .string, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("token_hash", .string, .required)
            .field("tool", .string, .required)
            .field("subject", .string, .required)
            .field("scopes", .string, .required)
            .field("redirect_uri", .string)
            .field("code_challenge", .string)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SandboxGrant.schema).delete()
        try await database.schema(AuthSession.schema).delete()
        try await database.schema(Connection.schema).delete()
    }
}
