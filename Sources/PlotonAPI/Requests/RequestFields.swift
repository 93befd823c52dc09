/// Why a request body was refused before any rule of the domain looked at it. The server sends it
/// in the error envelope: `400 invalid_request` for a body that is not an object, an unknown field
/// or a missing one, `422 validation_error` for a field of the wrong type (docs/api.md).
public enum RequestBodyError: Error, Sendable, Equatable {
    case notAnObject(actualType: String)
    case unknownField(String, accepted: [String])
    case missing(String)
    case invalid(String, message: String)
}

/// A request type that PlotonAPI decodes strictly; `fields` and `requiredFields` are its wire
/// names, checked against openapi.json by the tests.
public protocol RequestBody: Codable, Sendable {
    associatedtype Field: CodingKey & CaseIterable
    static var requiredFields: Set<String> { get }
}

extension RequestBody {
    public static var fields: Set<String> { Set(Field.allCases.map(\.stringValue)) }
}

/// The fields of a request body, read strictly: every key must be one the type declares, and a
/// field that is absent or `null` counts as not given.
public struct RequestFields<Field: CodingKey & CaseIterable> {
    let fields: [String: JSONValue]

    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        guard case .object(let fields) = value else { throw RequestBodyError.notAnObject(actualType: value.typeName) }
        let accepted = Field.allCases.map(\.stringValue)
        if let unknown = fields.keys.sorted().first(where: { !accepted.contains($0) }) {
            throw RequestBodyError.unknownField(unknown, accepted: accepted.sorted())
        }
        self.fields = fields
    }

    /// A string without NUL (U+0000), which PostgreSQL text cannot hold; refused on every database alike.
    public func string(_ field: Field) throws -> String? {
        let key = field.stringValue
        guard let value = fields[key], value != .null else { return nil }
        guard case .string(let string) = value else {
            throw RequestBodyError.invalid(key, message: "\(key) must be a string, not a \(value.typeName).")
        }
        guard !string.unicodeScalars.contains("\0") else {
            throw RequestBodyError.invalid(key, message: "\(key) must not contain NUL (U+0000) characters.")
        }
        return string
    }

    public func requiredString(_ field: Field) throws -> String {
        guard let string = try string(field) else { throw RequestBodyError.missing(field.stringValue) }
        return string
    }
}
