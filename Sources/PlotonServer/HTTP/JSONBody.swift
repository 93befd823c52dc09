import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// JSON fields with typed accessors that tell a missing field (400 `invalid_request`) from a present
/// but bad one (422 `validation_error`): MCP tool arguments, read like a request body. API request
/// bodies are PlotonAPI's request types (`Request.decodeStrictly`).
struct JSONBody {
    let fields: [String: JSONValue]

    init(fields: [String: JSONValue]) { self.fields = fields }

    /// The body of `request` as JSON, whatever its shape; an empty body reads as `{}`.
    static func value(of request: Request) throws -> JSONValue {
        guard let buffer = request.body.data, buffer.readableBytes > 0 else { return .object([:]) }
        // A JSON body is accepted whatever it is labelled (curl -d sends a form type); anything
        // else is refused as the wrong media type when labelled as such, as malformed otherwise.
        let value: JSONValue
        do {
            value = try PlotonJSON.decoder().decode(JSONValue.self, from: Data(buffer: buffer))
        } catch {
            if let type = request.headers.contentType, type.type != "application" || type.subType != "json" {
                throw APIFailure(.unsupportedMediaType, "Send the request body as JSON with `Content-Type: application/json`.")
            }
            throw APIFailure(.invalidRequest, "The request body is not valid JSON. Send a JSON object.")
        }
        if let key = JSONDuplicateKeys.first(in: Array(buffer.readableBytesView)) {
            throw APIFailure(.invalidRequest, "The request body names \(key) twice in one object. Send each field once.", param: key)
        }
        return value
    }

    /// A field that is absent or `null` counts as not given.
    private func present(_ key: String) -> JSONValue? {
        guard let value = fields[key], value != .null else { return nil }
        return value
    }

    func string(_ key: String, required: Bool = false, maxLength: Int = 255) throws -> String? {
        guard let value = present(key) else {
            if required { throw APIFailure.missing(key) }
            return nil
        }
        guard case .string(let string) = value else {
            throw APIFailure.invalid(key, "\(key) must be a string, not a \(value.typeName).")
        }
        guard string.count <= maxLength else {
            throw APIFailure.invalid(key, "\(key) must be at most \(maxLength) characters.")
        }
        // PostgreSQL text cannot hold U+0000; refused here, on SQLite too, so both databases agree.
        guard !string.unicodeScalars.contains("\0") else {
            throw APIFailure.invalid(key, "\(key) must not contain NUL (U+0000) characters.")
        }
        return string
    }

    func requiredString(_ key: String, maxLength: Int = 255) throws -> String {
        try string(key, required: true, maxLength: maxLength)!
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = present(key) else { return nil }
        guard case .number(let number) = value, number.rounded() == number, let integer = Int(exactly: number) else {
            throw APIFailure.invalid(key, "\(key) must be a whole number.")
        }
        guard range.contains(integer) else {
            throw APIFailure.invalid(key, "\(key) must be between \(range.lowerBound) and \(range.upperBound).")
        }
        return integer
    }

    func object(_ key: String) throws -> [String: JSONValue]? {
        guard let value = present(key) else { return nil }
        guard case .object(let object) = value else {
            throw APIFailure.invalid(key, "\(key) must be an object, not a \(value.typeName).")
        }
        return object
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = present(key) else { return nil }
        guard case .bool(let bool) = value else {
            throw APIFailure.invalid(key, "\(key) must be true or false, not a \(value.typeName).")
        }
        return bool
    }
}
