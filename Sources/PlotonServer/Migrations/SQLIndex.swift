import Fluent
import SQLKit

/// Plain indexes through SQLKit's builder, which both SQLite and PostgreSQL accept.
enum SQLIndex {
    static func create(on database: any Database, name: String, table: String, columns: [String], unique: Bool = false) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let builder = sql.create(index: name).on(table)
        if unique { _ = builder.unique() }
        for column in columns { _ = builder.column(column) }
        try await builder.run()
    }
}

extension SQLIndex {
    static func drop(on database: any Database, name: String) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: name).run()
    }
}
