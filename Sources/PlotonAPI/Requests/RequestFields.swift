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
        let value = try (decoder as? JSONValueDecoder)?.value ?? JSONValue(from: decoder)
        guard case .object(let fields) = value else { throw RequestBodyError.notAnObject(actualType: value.typeName) }
        try self.init(fields: fields)
    }

    /// Fields already read as JSON (an MCP tool call's arguments).
    public init(fields: [String: JSONValue]) throws {
        let accepted = Field.allCases.map(\.stringValue)
        if let unknown = fields.keys.sorted().first(where: { !accepted.contains($0) }) {
            throw RequestBodyError.unknownField(unknown, accepted: accepted.sorted())
        }
        self.fields = fields
    }

    /// The value of a field, if it is given (absent and `null` alike count as not given).
    public func value(_ field: Field) -> JSONValue? {
        guard let value = fields[field.stringValue], value != .null else { return nil }
        return value
    }

    /// Whether a field is sent as `null`, for the few fields where that clears a stored value.
    public func isNull(_ field: Field) -> Bool { fields[field.stringValue] == .null }

    /// A string of at most `maxLength` characters without NUL (U+0000), which PostgreSQL text cannot
    /// hold; refused on every database alike.
    public func string(_ field: Field, maxLength: Int = .max) throws -> String? {
        let key = field.stringValue
        guard let value = value(field) else { return nil }
        guard case .string(let string) = value else {
            throw RequestBodyError.invalid(key, message: "\(key) must be a string, not a \(value.typeName).")
        }
        guard string.count <= maxLength else {
            throw RequestBodyError.invalid(key, message: "\(key) must be at most \(maxLength) characters.")
        }
        guard !string.unicodeScalars.contains("\0") else {
            throw RequestBodyError.invalid(key, message: "\(key) must not contain NUL (U+0000) characters.")
        }
        return string
    }

    public func requiredString(_ field: Field, maxLength: Int = .max) throws -> String {
        guard let string = try string(field, maxLength: maxLength) else { throw RequestBodyError.missing(field.stringValue) }
        return string
    }

    public func integer(_ field: Field) throws -> Int? {
        guard let value = value(field) else { return nil }
        guard case .number(let number) = value, number.rounded() == number, let integer = Int(exactly: number) else {
            throw RequestBodyError.invalid(field.stringValue, message: "\(field.stringValue) must be a whole number.")
        }
        return integer
    }

    public func bool(_ field: Field) throws -> Bool? {
        guard let value = value(field) else { return nil }
        guard case .bool(let bool) = value else {
            throw RequestBodyError.invalid(
                field.stringValue, message: "\(field.stringValue) must be true or false, not a \(value.typeName).")
        }
        return bool
    }

    public func object(_ field: Field) throws -> [String: JSONValue]? {
        guard let value = value(field) else { return nil }
        guard case .object(let object) = value else {
            throw RequestBodyError.invalid(field.stringValue, message: "\(field.stringValue) must be an object, not a \(value.typeName).")
        }
        return object
    }

    /// A non-empty list of strings; `notAList` for anything else but a list with other items, `notStrings` for that.
    public func strings(_ field: Field, notAList: String, notStrings: String) throws -> [String]? {
        guard let value = value(field) else { return nil }
        guard let items = value.arrayValue, !items.isEmpty else { throw RequestBodyError.invalid(field.stringValue, message: notAList) }
        let strings = items.compactMap(\.stringValue)
        guard strings.count == items.count else { throw RequestBodyError.invalid(field.stringValue, message: notStrings) }
        return strings
    }

    /// One of an enumeration's raw values.
    public func enumeration<Value: RawRepresentable & CaseIterable>(_ field: Field, maxLength: Int = 255) throws -> Value?
    where Value.RawValue == String {
        guard let raw = try string(field, maxLength: maxLength) else { return nil }
        guard let parsed = Value(rawValue: raw) else {
            let allowed = Value.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            throw RequestBodyError.invalid(field.stringValue, message: "\(field.stringValue) must be \(allowed).")
        }
        return parsed
    }

    public func requiredEnumeration<Value: RawRepresentable & CaseIterable>(_ field: Field) throws -> Value
    where Value.RawValue == String {
        guard let value: Value = try enumeration(field) else { throw RequestBodyError.missing(field.stringValue) }
        return value
    }
}

/// The field list of a request that takes no body (`{}` or none at all).
public struct NoField: CodingKey, CaseIterable, Sendable {
    public static let allCases: [NoField] = []
    public let stringValue: String
    public var intValue: Int? { nil }
    public init?(stringValue: String) { nil }
    public init?(intValue: Int) { nil }
}

/// A request that takes no fields: any field sent is refused as unknown.
public struct EmptyRequest: RequestBody, Equatable {
    public typealias Field = NoField
    public static let requiredFields: Set<String> = []

    public init() {}
    public init(from decoder: any Decoder) throws { _ = try RequestFields<Field>(from: decoder) }
    public func encode(to encoder: any Encoder) throws { _ = encoder.container(keyedBy: Field.self) }
}
