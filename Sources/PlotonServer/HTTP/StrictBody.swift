import Foundation
import PlotonAPI
import Vapor

extension Request {
    /// The body as one of PlotonAPI's request types, decoded strictly: unknown, missing and
    /// mistyped fields are the documented errors. An empty body reads as `{}`.
    func decodeStrictly<Body: RequestBody>(_ type: Body.Type) throws -> Body {
        let value = try JSONBody.value(of: self)
        do {
            return try PlotonJSON.decoder().decode(Body.self, from: Data(value.jsonText.utf8))
        } catch let error as RequestBodyError {
            throw APIFailure(error)
        }
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
