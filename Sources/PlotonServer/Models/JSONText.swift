import FluentSQLiteDriver
import Foundation
import PostgresNIO

/// JSON kept as the text it was written as: `json` on PostgreSQL (checked when written, the text
/// kept byte for byte), TEXT on SQLite.
///
/// The task, step and event columns that hold user and tool data use this rather than
/// `StoredJSON`'s `jsonb`: `jsonb` reorders object keys, normalises numbers and refuses `\u0000`,
/// which a tool's output may hold. The model reads the typed value from the text when it is asked
/// for, so writing and reading a row costs no JSON round trip.
struct JSONText: Codable, Sendable, Hashable, CustomStringConvertible {
    var text: String

    init(_ text: String) { self.text = text }

    var description: String { text }

    init(from decoder: any Decoder) throws { text = try decoder.singleValueContainer().decode(String.self) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// Bound as `json`, so PostgreSQL checks the text is JSON; also written into `jsonb` columns (an
/// assignment cast) and read from `json`, `jsonb` or text columns.
extension JSONText: PostgresNonThrowingEncodable, PostgresDecodable {
    static var psqlType: PostgresDataType { .json }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<Encoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<Encoder>) {
        byteBuffer.writeString(text)
    }

    init<Decoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<Decoder>
    ) throws {
        text = try String(from: &buffer, type: type, format: format, context: context)
    }
}

extension JSONText: SQLiteDataConvertible {
    init?(sqliteData: SQLiteData) {
        guard case .text(let text) = sqliteData else { return nil }
        self.text = text
    }

    var sqliteData: SQLiteData? { .text(text) }
}
