import Foundation
import PlotonAPI
import Vapor

extension Request {
    /// The body as one of PlotonAPI's request types, decoded strictly: unknown, missing and
    /// mistyped fields are the documented errors. An empty body reads as `{}`.
    func decodeStrictly<Body: RequestBody>(_ type: Body.Type) throws -> Body {
        try Body.decode(try JSONBody.value(of: self))
    }
}

extension RequestBody {
    /// JSON typed into a dashboard form, held to the same rules as a request body.
    static func parse(_ text: String) throws -> Self {
        guard let value = try? PlotonJSON.decoder().decode(JSONValue.self, from: Data(text.utf8)) else {
            throw APIFailure(.invalidRequest, "That is not valid JSON. Paste a JSON object.")
        }
        return try decode(value)
    }

    /// The body held to the rules it would meet if it had been sent (a dashboard form's fields).
    func validated() throws -> Self {
        try Self.decode(try PlotonJSON.decoder().decode(JSONValue.self, from: PlotonJSON.encoder().encode(self)))
    }

    /// A body already read as JSON (a request's, or a dashboard form's), typed as if it had been sent: straight from
    /// the value (`JSONValueDecoder`), or from its text for a type that reads more than `RequestFields`.
    static func decode(_ value: JSONValue) throws -> Self {
        do {
            do {
                return try Self(from: JSONValueDecoder(value))
            } catch is JSONValueDecoder.Unsupported {
                return try PlotonJSON.decoder().decode(Self.self, from: Data(value.jsonText.utf8))
            }
        } catch let error as RequestBodyError {
            throw APIFailure(error)
        }
    }
}

extension Optional where Wrapped == Int {
    /// A whole number from a request body, held to the range the server allows.
    func within(_ range: ClosedRange<Int>, _ field: String) throws -> Int? {
        guard let value = self, !range.contains(value) else { return self }
        throw APIFailure.invalid(field, "\(field) must be between \(range.lowerBound) and \(range.upperBound).")
    }
}

extension APIFailure {
    /// A refused request body as the API reports it (docs/api.md, Errors).
    init(_ error: RequestBodyError) {
        switch error {
        case .notAnObject(let type):
            self.init(.invalidRequest, "The request body must be a JSON object, not a JSON \(type).")
        case .unknownField(let field, let accepted):
            self.init(
                .invalidRequest, "Unknown parameter: \(field). This endpoint accepts: \(accepted.joined(separator: ", ")).", param: field)
        case .missing(let field): self = .missing(field)
        case .invalid(let field, let message): self = .invalid(field, message)
        }
    }
}
