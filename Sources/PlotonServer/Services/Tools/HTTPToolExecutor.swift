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
        let scrubber = scrubber(definition, credentials: credentials)
        do {
            return scrubber.scrub(try await run(definition, credentials: credentials, request: request))
        } catch let failure as ToolFailure {
            throw scrubber.scrub(failure)
        }
    }

    private func run(_ definition: ToolDefinition, credentials: ToolCredentials?, request: StepRequest) async throws -> StepOutcome {
        if definition.isMCP {
            let client = MCPRemoteClient(
                http: http, url: definition.baseURL, headers: try authHeaders(definition, credentials: credentials),
                service: definition.name)
            return try await DefinitionRunner.run(definition, request: request) { capability, input in
                try MCPToolImport.output(
                    try await client.callTool(String(capability.path.dropFirst()), arguments: input), service: definition.name)
            }
        }
        let capability = definition.capability(request.capability)
        let headers = try authHeaders(definition, credentials: credentials)
            .merging(capability?.sideEffect == true ? ["Idempotency-Key": request.idempotencyKey] : [:]) { $1 }
        return try await DefinitionRunner.run(definition, request: request) { capability, input in
            try await send(definition, capability, input: input, headers: headers)
        }
    }

    private func send(
        _ definition: ToolDefinition, _ capability: ToolDefinition.Capability, input: [String: JSONValue], headers: [String: String]
    ) async throws -> JSONValue {
        var path = capability.path
        var query: [URLQueryItem] = []
        var body: [String: JSONValue] = [:]
        // A definition stored before names were checked may still hold one SwiftNIO would trap on.
        if let name = headers.keys.first(where: { !HTTPHeaderName.isValid($0) })
            ?? input.keys.first(where: { capability.location(of: $0) == .header && !HTTPHeaderName.isValid($0) })
        {
            throw ToolFailure(
                code: .invalidInput,
                message: "\(definition.name).\(capability.name) sends a header named \"\(name)\", which is not a header name.",
                suggestion: "Register the tool again with header names of ASCII letters, digits and !#$%&'*+-.^_`|~.")
        }
        var allHeaders = HTTPHeaders(headers.map { ($0.key, $0.value) })
        for (name, value) in input.sorted(by: { $0.key < $1.key }) {
            switch capability.location(of: name) {
            case .path:
                let segment = try DefinitionRunner.pathSegment(value, name: name, of: "\(definition.name).\(capability.name)")
                path = path.replacingOccurrences(of: "{\(name)}", with: segment)
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
            switch definition.requestFormat {
            case .json:
                buffer = ByteBuffer(string: JSONValue.object(body).jsonText)
                allHeaders.replaceOrAdd(name: "Content-Type", value: "application/json")
            case .form:
                buffer = ByteBuffer(string: FormEncoding.encode(body))
                allHeaders.replaceOrAdd(name: "Content-Type", value: "application/x-www-form-urlencoded")
            }
        }
        allHeaders.replaceOrAdd(name: "Accept", value: "application/json")
        let reply = try await http.send(method, url, headers: allHeaders, body: buffer)
        try HTTPFailureMapping.check(reply, service: definition.name)
        return reply.json ?? .string(String(buffer: reply.body))
    }

    /// Removes the tool's credentials, and the headers built from them, from what its server answers.
    func scrubber(_ definition: ToolDefinition, credentials: ToolCredentials?) -> SecretScrubber {
        let headers = (try? authHeaders(definition, credentials: credentials)) ?? [:]
        return SecretScrubber((credentials?.values ?? []) + Array(headers.values))
    }

    func authHeaders(_ definition: ToolDefinition, credentials: ToolCredentials?) throws -> [String: String] {
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
            // An account-level token (a HubSpot private-app token, a Slack bot token, a Stripe key)
            // stands in until the end user has a connection.
            if case .bearer(let token)? = credentials { return ["Authorization": "Bearer \(token)"] }
            throw ToolFailure(
                code: "oauth_unavailable", message: "\(definition.name) needs the end user's connection or an account token.",
                recoverable: true,
                suggestion:
                    "Connect the user (POST /v1/connections/authorize) or set an account token with PUT /v1/tools/\(definition.name)/credentials {\"token\": …}."
            )
        }
    }

    static func text(_ value: JSONValue) -> String { DefinitionRunner.text(value) }
}

/// Decrypted account-level credentials for one tool.
enum ToolCredentials: Sendable, Equatable {
    case apiKey(String)
    case bearer(String)
    case basic(username: String, password: String)

    var values: [String] {
        switch self {
        case .apiKey(let key): [key]
        case .bearer(let token): [token]
        case .basic(_, let password): [password]
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}

/// `application/x-www-form-urlencoded` with bracketed keys for nesting (`metadata[order]=42`).
enum FormEncoding {
    static func encode(_ fields: [String: JSONValue]) -> String {
        pairs(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }).map { "\(escape($0))=\(escape($1))" }.joined(separator: "&")
    }

    private static func pairs(_ items: [(String, JSONValue)]) -> [(String, String)] {
        items.flatMap { key, value -> [(String, String)] in
            switch value {
            case .object(let object): pairs(object.sorted { $0.key < $1.key }.map { ("\(key)[\($0.key)]", $0.value) })
            case .array(let array): pairs(array.enumerated().map { ("\(key)[\($0.offset)]", $0.element) })
            case .null: []
            default: [(key, HTTPToolExecutor.text(value))]
            }
        }
    }

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
