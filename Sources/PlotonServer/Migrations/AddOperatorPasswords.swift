import Fluent

/// Operators sign in with an email and a password; sign-in links can name the user they sign in.
struct AddOperatorPasswords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(OperatorUser.schema).field("email", .string).update()
        try await database.schema(OperatorUser.schema).field("password_hash", .string).update()
        try await database.schema(OperatorUser.schema).field("failed_sign_ins", .int, .required, .sql(.default(0))).update()
        try await database.schema(OperatorUser.schema).field("locked_until", .datetime).update()
        try await SQLIndex.create(
            on: database, name: "operator_users_by_email", table: OperatorUser.schema, columns: ["email"], unique: true)
        try await database.schema(SignInLink.schema).field("user_id", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await SQLIndex.drop(on: database, name: "operator_users_by_email")
        try await database.schema(SignInLink.schema).deleteField("user_id").update()
        for column: FieldKey in ["email", "password_hash", "failed_sign_ins", "locked_until"] {
            try await database.schema(OperatorUser.schema).deleteField(column).update()
        }
    }
}
