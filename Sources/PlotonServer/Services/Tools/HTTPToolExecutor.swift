import Foundation
import NIOCore
import NIOHTTP1
import PlotonCore

/// Runs any capability of a tool definition over HTTP: builds the request from the parameters
/// (path, query, header, body), adds the credentials, passes the step's idempotency key to side
/// effects, follows cursor pagination, extracts the declared result and maps HTTP errors.
struct HTTPToolExecutor {
    let http: OutboundHTTP

    func execute(_ definition: ToolDefinition, credentials: ToolCredentials?, request: StepRequest) async throws -> StepOutcome {
        guard let capability = definition.capability(request.capability) else {
            throw ToolFailure(code: "unknown_capability", message: "\(definition.name) has no capability \(request.capability).")
        }
        var input = request.input
        for (name, parameter) in capability.parameters where input[name] == nil {
            if let value = parameter.default {
                input[name] = value
            } else if parameter.required {
                throw ToolFailure(code: "invalid_input", message: "\(definition.name).\(capability.name) needs \(name).")
            }
        }
        let headers = try authHeaders(definition, credentials: credentials)
            .merging(capability.sideEffect ? ["Idempotency-Key": request.idempotencyKey] : [:]) { $1 }

        var pages: [JSONValue] = []
        var cursor: JSONValue?
        for _ in 0..<(capability.pagination?.maxPages ?? 1) {
            if let cursor, let pagination = capability.pagination { input[pagination.cursorParam] = cursor }
            let body = try await send(definition, capability, input: input, headers: headers)
            pages.append(capability.resultPath.flatMap { body.value(at: $0) } ?? body)
            guard let pagination = capability.pagination, let next = body.value(at: pagination.cursorPath), next != .null,
                next != .string("")
            else { break }
            cursor = next
        }
        guard pages.count > 1 else { return .completed(pages.first ?? .null) }
        return .completed(.array(pages.flatMap { $0.arrayValue ?? [$0] }))
    }

    private func send(
        _ definition: ToolDefinition, _ capability: ToolDefinition.Capability, input: [String: JSONValue], headers: [String: String]
    ) async throws -> JSONValue {
        var path = capability.path
        var query: [URLQueryItem] = []
        var body: [String: JSONValue] = [:]
        var allHeaders = HTTPHeaders(headers.map { ($0.key, $0.value) })
        for (name, value) in input.sorted(by: { $0.key < $1.key }) {
            switch capability.location(of: name) {
            case .path:
                let text = Self.text(value).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? ""
                path = path.replacingOccurrences(of: "{\(name)}", with: text)
            case .query: query.append(URLQueryItem(name: name, value: Self.text(value)))
            case .header: allHeaders.replaceOrAdd(name: name, value: Self.text(value))
            case .body: body[name] = value
            }
        }
        var components = URLComponents(string: definition.baseURL.trimmingSuffix("/") + path)
        if !query.isEmpty { components?.queryItems = query }
        guard let url = components?.string else {
            throw ToolFailure(code: "invalid_destination", message: "Could not build a URL for \(definition.name).\(capability.name).")
        }
        let method = HTTPMethod(rawValue: capability.method.uppercased())
        var buffer: ByteBuffer?
        if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(capability.method.uppercased()) {
            buffer = ByteBuffer(string: JSONValue.object(body).jsonText)
            allHeaders.replaceOrAdd(name: "Content-Type", value: "application/json")
        }
        allHeaders.replaceOrAdd(name: "Accept", value: "application/json")
        let reply = try await http.send(method, url, headers: allHeaders, body: buffer)
        try HTTPFailureMapping.check(reply, service: definition.name)
        return reply.json ?? .string(String(buffer: reply.body))
    }

    private func authHeaders(_ definition: ToolDefinition, credentials: ToolCredentials?) throws -> [String: String] {
        func missing() -> ToolFailure {
            ToolFailure(
                code: "credentials_missing", message: "\(definition.name) needs \(definition.auth.type.rawValue) credentials and has none.",
                recoverable: true, suggestion: "Set them with PUT /v1/tools/\(definition.name)/credentials, then run the task again.")
        }
        switch definition.auth.type {
        case .none: return [:]
        case .apiKey:
            guard case .apiKey(let key)? = credentials else { throw missing() }
            return [definition.auth.header ?? "X-API-Key": key]
        case .bearer:
            guard case .bearer(let token)? = credentials else { throw missing() }
            return ["Authorization": "Bearer \(token)"]
        case .basic:
            guard case .basic(let username, let password)? = credentials else { throw missing() }
            return ["Authorization": "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()]
        case .oauth2:
            throw ToolFailure(
                code: "oauth_unavailable", message: "\(definition.name) uses OAuth 2.0, which needs end-user connections.",
                recoverable: true, suggestion: "Managed OAuth arrives with connections; use api_key, bearer or basic auth meanwhile.")
        }
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): string
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .bool(let bool): bool ? "true" : "false"
        default: value.jsonText
        }
    }
}

/// Decrypted account-level credentials for one tool.
enum ToolCredentials: Sendable, Equatable {
    case apiKey(String)
    case bearer(String)
    case basic(username: String, password: String)
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
