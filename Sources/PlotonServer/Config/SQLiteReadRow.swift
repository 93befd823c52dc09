import SQLKit
import SQLiteKit

/// A row read by `SQLiteReadConnection`, decoded as the SQLite driver decodes its rows (the same
/// `SQLiteDataDecoder`), so a read answers the same whichever way it went.
struct SQLiteReadRow: SQLRow {
    /// A statement's column names and where each is, shared by the rows it returns.
    final class Columns: Sendable {
        let names: [String]
        let offsets: [String: Int]

        init(names: [String]) {
            self.names = names
            // The first of two columns with one name, as the driver's row finds it.
            offsets = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    struct MissingColumn: Error {
        let column: String
    }

    let columns: Columns
    let values: [SQLiteData]

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.offsets[column] != nil }

    func decodeNil(column: String) throws -> Bool { value(column) ?? .null == .null }

    func decode<D: Decodable>(column: String, as: D.Type) throws -> D {
        guard let value = value(column) else { throw MissingColumn(column: column) }
        return try SQLiteDataDecoder().decode(D.self, from: value)
    }

    private func value(_ column: String) -> SQLiteData? { columns.offsets[column].map { values[$0] } }
}
