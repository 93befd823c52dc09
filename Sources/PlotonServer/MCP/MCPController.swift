import Foundation
import MCP
import PlotonAPI
import PlotonCore
import Vapor

/// `/mcp` and `/mcp/subagents/{name}`: MCP's Streamable HTTP transport, behind the same API-key
/// authentication and rate limits as `/v1`. The SDK's `StatefulHTTPServerTransport` is framework
/// neutral (an `HTTPRequest` in, an `HTTPResponse` out), so this controller only translates
/// between it and Vapor and keeps each session with its key.
struct MCPController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        for path in [["mcp"], ["mcp", "subagents", ":name"]] as [[PathComponent]] {
            routes.post(path, use: handle)
            routes.get(path, use: handle)
            routes.delete(path, use: handle)
        }
    }

    @Sendable func handle(req: Vapor.Request) async throws -> Vapor.Response {
        let principal = try req.requirePrincipal()
        let owner = MCPSessions.Owner(keyID: principal.keyID, subagent: req.parameters.get("name"))
        let request = HTTPRequest(
            method: req.method.rawValue, headers: Self.headers(req), body: req.body.data.map { Data(buffer: $0) }, path: req.url.path)
        // Foundation's parsers (the SDK's and MCPMessage's) also read what is not JSON, such as a trailing comma.
        if req.method == .POST, let body = request.body, !body.isEmpty, let problem = StrictJSON.problem(Array(body)) {
            let message =
                problem == .tooDeep
                ? "The body nests JSON deeper than \(StrictJSON.maxDepth) levels" : "The body is not JSON as RFC 8259 defines it"
            return try Self.response(.error(statusCode: 400, .parseError(message)), for: req)
        }
        let message = request.body.flatMap(MCPMessage.init)
        let sessions = req.application.mcpSessions
        let session: MCPSessions.Session
        if let id = request.header(HTTPHeaderName.sessionID) {
            guard let found = await sessions.session(id, owner: owner) else {
                return try Self.response(
                    .error(statusCode: 404, .invalidRequest("Session not found: send initialize to start a new one")), for: req)
            }
            session = found
        } else if req.method == .POST, message?.method == Initialize.name {
            let scope = MCPScope(database: req.application.db, services: req.ploton, principal: principal, subagentName: owner.subagent)
            if let name = owner.subagent, try await scope.subagent(named: name) == nil {
                return try Self.response(.error(statusCode: 404, .invalidRequest("No subagent named '\(name)' is deployed here")), for: req)
            }
            session = await Self.open(scope: scope, owner: owner, req: req)
        } else {
            return try Self.response(.error(statusCode: 400, .invalidRequest("Bad Request: Mcp-Session-Id header is required")), for: req)
        }

        let answer = await session.transport.handle(request)
        if let id = request.header(HTTPHeaderName.sessionID) {
            if req.method == .DELETE, answer.statusCode < 300 { await sessions.end(id) }
        } else if answer.statusCode < 300, let id = answer.headers[HTTPHeaderName.sessionID] {
            await sessions.add(id, session)
        } else {
            await session.server.stop()  // an initialize the transport refused opens nothing
        }
        if req.method == .POST, message?.wantsStream != true, case .stream(let stream, let headers) = answer {
            let client = req.application.clientConnections.watch(of: req)
            let single = await req.application.mcpStreamRelays.reading(until: client) { await Self.single(stream, headers: headers) }
            return try Self.response(single, for: req)
        }
        return try Self.response(answer, for: req)
    }

    private static func open(scope: MCPScope, owner: MCPSessions.Owner, req: Vapor.Request) async -> MCPSessions.Session {
        let publicOrigin = URL(string: req.ploton.config.publicURL).flatMap(MCPOriginValidator.origin)
        let inner = StatefulHTTPServerTransport(
            validationPipeline: StandardValidationPipeline(validators: [
                MCPOriginValidator(publicOrigin: publicOrigin), AcceptHeaderValidator(mode: .sseRequired), ContentTypeValidator(),
                ProtocolVersionValidator(), SessionValidator(),
            ]))
        let transport = MCPSessionTransport(inner: inner, logger: req.application.logger)
        let server = await MCPServerFactory.server(scope: scope, logger: req.application.logger)
        try? await server.start(transport: transport)
        return MCPSessions.Session(owner: owner, transport: transport, server: server, lastUsed: .now)
    }

    /// The one JSON-RPC response of a request that asked for no streaming, as plain JSON: clients
    /// that cannot read SSE (the Swift SDK's on Linux) work, and answers are smaller.
    private static func single(_ stream: AsyncThrowingStream<Data, any Error>, headers: [String: String]) async -> HTTPResponse {
        var headers = headers.filter {
            ![HTTPHeaderName.contentType, HTTPHeaderName.cacheControl, HTTPHeaderName.connection].contains($0.key)
        }
        do {
            for try await chunk in stream {
                for line in String(decoding: chunk, as: UTF8.self).split(separator: "\n") where line.hasPrefix("data: ") {
                    let data = Data(line.dropFirst(6).utf8)
                    guard MCPMessage(data)?.method == nil, !data.isEmpty else { continue }
                    headers[HTTPHeaderName.contentType] = "application/json"
                    return .data(data, headers: headers)
                }
            }
        } catch {}
        return .accepted(headers: headers)
    }

    private static func headers(_ req: Vapor.Request) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in req.headers {
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        return headers
    }

    /// A streamed answer is written until its stream ends or its client leaves (see `MCPStreamRelays`).
    private static func response(_ answer: HTTPResponse, for req: Vapor.Request) throws -> Vapor.Response {
        var headers = HTTPHeaders()
        for (name, value) in answer.headers { headers.replaceOrAdd(name: name, value: value) }
        let status = HTTPResponseStatus(statusCode: answer.statusCode)
        if case .stream(let stream, _) = answer {
            let (relays, client) = (req.application.mcpStreamRelays, req.application.clientConnections.watch(of: req))
            return Vapor.Response(
                status: status, headers: headers,
                body: .init(asyncStream: { writer in await relays.relay(stream, to: writer, until: client) }))
        }
        return Vapor.Response(status: status, headers: headers, body: answer.bodyData.map { .init(data: $0) } ?? .empty)
    }
}

/// Browsers send `Origin`; only Ploton's own public origin and loopback pages may use a session
/// (DNS-rebinding protection, as the MCP transport specification asks). Other clients send none.
struct MCPOriginValidator: HTTPRequestValidator {
    let publicOrigin: String?

    static func origin(_ url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    func validate(_ request: HTTPRequest, context: HTTPValidationContext) -> HTTPResponse? {
        guard let origin = request.header(HTTPHeaderName.origin) else { return nil }
        let parsed = URL(string: origin).flatMap(Self.origin)
        let host = URL(string: origin)?.host?.lowercased()
        if parsed != nil, parsed == publicOrigin || ["localhost", "127.0.0.1", "[::1]", "::1"].contains(host ?? "") { return nil }
        return .error(statusCode: 403, .invalidRequest("Forbidden: Origin not allowed"), sessionID: context.sessionID)
    }
}
