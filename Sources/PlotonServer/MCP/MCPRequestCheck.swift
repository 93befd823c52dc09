import Foundation
import MCP

/// Requests the SDK (0.12.1) would take in but answer wrongly or never, answered here instead:
///
/// - An `id` that is neither a string nor an integer that fits (`true`, `1.5`, `1e40`, `null`, an
///   object; MCP allows no null id): the SDK's HTTP transport keys the request under another id or
///   takes it for a notification, and its server cannot decode it, so the POST waited for an answer
///   that never came. JSON-RPC answers `-32600 Invalid Request` with a null id.
/// - Params of the wrong shape for a method the server handles: the SDK's server answers `-32603
///   Internal error`; JSON-RPC's answer is `-32602 Invalid params`, here saying what is wrong.
enum MCPRequestCheck {
    /// The answer to a POSTed `body` the SDK must not see, or nil to pass it on.
    static func refusal(of body: Data, sessionID: String?) -> HTTPResponse? {
        guard let probe = try? JSONDecoder().decode(Probe.self, from: body) else { return nil }
        guard let id = probe.id else {
            return .error(statusCode: 400, .invalidRequest("id must be a string or an integer"), sessionID: sessionID)
        }
        guard let problem = probe.paramsProblem,
            let data = try? JSONEncoder().encode(ErrorAnswer(id: id, error: .invalidParams(problem)))
        else { return nil }
        var headers = [HTTPHeaderName.contentType: "application/json"]
        headers[HTTPHeaderName.sessionID] = sessionID
        return .data(data, headers: headers)
    }

    /// The methods whose params are checked, as the SDK decodes them: every one Ploton's server handles.
    private static let methods: [String: @Sendable (KeyedDecodingContainer<Probe.Key>) throws -> Void] = [
        Initialize.name: params(of: Initialize.self), Ping.name: params(of: Ping.self),
        ListTools.name: params(of: ListTools.self), CallTool.name: params(of: CallTool.self),
    ]

    private static func params<M: Method>(of _: M.Type) -> @Sendable (KeyedDecodingContainer<Probe.Key>) throws -> Void {
        { container in
            if M.Parameters.self is any NotRequired.Type {
                _ = try container.decodeIfPresent(M.Parameters.self, forKey: .params)
            } else {
                _ = try container.decode(M.Parameters.self, forKey: .params)
            }
        }
    }

    private struct ErrorAnswer: Encodable {
        var jsonrpc = "2.0"
        var id: ID
        var error: MCPError
    }

    /// A request's id (nil when it is not one MCP allows) and what is wrong with its params. Fails
    /// to decode for anything but a request (a notification, a response, a batch, not JSON).
    private struct Probe: Decodable {
        enum Key: String, CodingKey { case id, method, params }

        var id: ID?
        var paramsProblem: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            let method = try container.decode(String.self, forKey: .method)
            guard container.contains(.id) else { throw DecodingError.keyNotFound(Key.id, .init(codingPath: [], debugDescription: "")) }
            if let text = try? container.decode(String.self, forKey: .id) {
                id = .string(text)
            } else if let number = try? container.decode(Int.self, forKey: .id) {
                id = .number(number)
            }
            do {
                try MCPRequestCheck.methods[method]?(container)
            } catch {
                paramsProblem = MCPRequestCheck.describe(error)
            }
        }
    }

    /// A decoding error as the JSON it found wrong: `params.name must be a string`.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)) must be \(json(type))"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)) must be \(json(type)), not null"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is required"
        case .dataCorrupted(let context): return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce("") { path, key in
            if let index = key.intValue { return path + "[\(index)]" }
            return path.isEmpty ? key.stringValue : path + "." + key.stringValue
        }
    }

    private static func json(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is any BinaryInteger.Type, is any BinaryFloatingPoint.Type: "a number"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
