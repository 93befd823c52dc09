import Fluent

/// Operators, their one-time sign-in links and their browser sessions.
struct CreateDashboard: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OperatorUser.schema)
            .field("id", .string, .identifier(auto: false))
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(SignInLink.schema)
            .field("id", .string, .identifier(auto: false))
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema(DashboardSession.schema)
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .string, .required, .references(OperatorUser.schema, "id", onDelete: .cascade))
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("csrf_token", .string, .required)
            .field("environment", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DashboardSession.schema).delete()
        try await database.schema(SignInLink.schema).delete()
        try await database.schema(OperatorUser.schema).delete()
    }
}
