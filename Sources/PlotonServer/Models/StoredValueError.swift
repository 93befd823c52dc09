import Fluent
import Foundation
import PlotonAPI
import SQLKit

/// A column whose stored value does not read as its type: a corrupt row fails loudly (a request
/// answers `500 internal_error`, a task fails), naming where it is, never turning into a default.
/// `problem` says what is wrong without repeating the value (a JSON column may hold user data).
struct StoredValueError: Error, Equatable, CustomStringConvertible {
    let table: String
    let column: String
    let row: String
    let problem: String

    var description: String { "\(table).\(column) of row \(row) does not read: \(problem)" }
}

extension SQLRow {
    /// The enum a text column of a plain SQL read holds (a status, an environment). A value that is
    /// none of its cases fails the read, as Fluent's read of an enum field does.
    func decodeStored<Value: RawRepresentable>(_ column: String, as type: Value.Type, table: String, row: String) throws -> Value
    where Value.RawValue == String {
        let raw = try decode(column: column, as: String.self)
        guard let value = Value(rawValue: raw) else {
            throw StoredValueError(table: table, column: column, row: row, problem: "'\(raw)' is not a \(Value.self)")
        }
        return value
    }
}

extension Model where IDValue == String {
    /// The value a JSON text column holds.
    func storedJSON<Value: Decodable>(_ field: FieldProperty<Self, String>, as type: Value.Type) throws -> Value {
        try decode(field.wrappedValue, as: type, column: field.key)
    }

    /// The value a nullable JSON text column holds; nil when it is NULL.
    func storedJSON<Value: Decodable>(_ field: OptionalFieldProperty<Self, String>, as type: Value.Type) throws -> Value? {
        try field.wrappedValue.map { try decode($0, as: type, column: field.key) }
    }

    /// The value a JSON column holds.
    func storedJSON<Value: Decodable>(_ field: FieldProperty<Self, JSONText>, as type: Value.Type) throws -> Value {
        try decode(field.wrappedValue.text, as: type, column: field.key)
    }

    /// The value a nullable JSON column holds; nil when it is NULL.
    func storedJSON<Value: Decodable>(_ field: OptionalFieldProperty<Self, JSONText>, as type: Value.Type) throws -> Value? {
        try field.wrappedValue.map { try decode($0.text, as: type, column: field.key) }
    }

    private func decode<Value: Decodable>(_ text: String, as type: Value.Type, column: FieldKey) throws -> Value {
        if let value = JSONValue.decoded(text, as: type) { return value }
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw corrupt(column, "not JSON of a \(Value.self)")
        }
    }

    private func corrupt(_ column: FieldKey, _ problem: String) -> StoredValueError {
        StoredValueError(table: Self.schema, column: column.description, row: id ?? "(unsaved)", problem: problem)
    }
}

extension JSONText {
    /// A value as a JSON column stores it.
    static func encode<Value: Encodable>(_ value: Value) throws -> JSONText {
        JSONText(String(decoding: try JSONEncoder().encode(value), as: UTF8.self))
    }
}
