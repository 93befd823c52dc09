import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// A request's body as JSON, before it is typed: API request bodies are then PlotonAPI's request
/// types (`Request.decodeStrictly`), MCP tool arguments `MCPArguments`.
enum JSONBody {
    /// The body of `request` as JSON, whatever its shape; an empty body reads as `{}`.
    static func value(of request: Request) throws -> JSONValue {
        guard let buffer = request.body.data, buffer.readableBytes > 0 else { return .object([:]) }
        let bytes = Array(buffer.readableBytesView)
        // The common body (valid UTF-8, RFC 8259 JSON, no key twice, no `\u` escape) read in one pass
        // (`JSONValueParser`), not by `JSONDecoder`'s `JSONValue`, which tries each type in turn and
        // throws for every miss; anything else, and every refusal, goes the decoder's way below.
        if StrictJSON.problem(bytes) == nil, let text = String(validating: bytes, as: UTF8.self),
            let value = JSONValue.decoded(text, as: JSONValue.self)
        {
            return value
        }
        // A JSON body is accepted whatever it is labelled (curl -d sends a form type); anything
        // else is refused as the wrong media type when labelled as such, as malformed otherwise.
        let value: JSONValue
        do {
            value = try PlotonJSON.decoder().decode(JSONValue.self, from: Data(bytes))
        } catch StrictJSON.Problem.tooDeep {
            throw StrictJSON.Problem.tooDeep  // answered as such (`ErrorResponse`), not as malformed
        } catch {
            if let type = request.headers.contentType, type.type != "application" || type.subType != "json" {
                throw APIFailure(.unsupportedMediaType, "Send the request body as JSON with `Content-Type: application/json`.")
            }
            throw APIFailure(.invalidRequest, "The request body is not valid JSON. Send a JSON object.")
        }
        if let key = JSONDuplicateKeys.first(in: bytes) {
            throw APIFailure(.invalidRequest, "The request body names \(key) twice in one object. Send each field once.", param: key)
        }
        return value
    }
}
