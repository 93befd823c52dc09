import FluentSQLiteDriver
import Foundation
import PostgresNIO

/// A value a model keeps as JSON in one column: `jsonb` on PostgreSQL, JSON text on SQLite.
///
/// The drivers' own fallbacks would store a `[String]` as a PostgreSQL `text[]` and a bare string
/// as SQLite text that is not JSON, so this type says how it is stored. A stored value that does
/// not decode is an error (the query throws), never a default.
struct StoredJSON<Value: Codable & Sendable>: Codable, Sendable {
    var value: Value

    init(_ value: Value) { self.value = value }

    init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Value.self) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension StoredJSON: Equatable where Value: Equatable {}

/// `jsonb`, written and read by PostgresNIO's JSON coding.
extension StoredJSON: PostgresEncodable, PostgresDecodable {}

extension StoredJSON: SQLiteDataConvertible {
    init?(sqliteData: SQLiteData) {
        guard case .text(let text) = sqliteData, let value = try? JSONDecoder().decode(Value.self, from: Data(text.utf8)) else {
            return nil
        }
        self.value = value
    }

    var sqliteData: SQLiteData? {
        (try? JSONEncoder().encode(value)).map { .text(String(decoding: $0, as: UTF8.self)) }
    }
}
