import ArgumentParser
import Foundation
import MCP
import PlotonKit

/// `ploton mcp`: Ploton's MCP tools over stdio, for desktop clients that start a local command.
/// It forwards `tools/list` and `tools/call` to the server's `/mcp` endpoint with the MCP SDK's
/// client, so the tools are exactly the server's (capability calls included, which the REST API
/// and PlotonKit have no endpoint for).
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve Ploton's MCP tools over stdio for desktop MCP clients (uses PLOTON_API_KEY and PLOTON_BASE_URL).")

    @Option(help: "Serve only this deployed subagent's tools.") var subagent: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            _ = try Ploton(environment: environment)  // the same checks and messages as the other client commands
        } catch let error as PlotonError {
            Output.error(error.description)
            throw ExitCode(2)
        }
        let endpoint = try Self.endpoint(environment, subagent: subagent)
        let upstream = Client(name: "ploton-mcp", version: MCPProxy.version)
        let key = environment["PLOTON_API_KEY"] ?? ""
        let transport = HTTPClientTransport(
            endpoint: endpoint, streaming: false,
            requestModifier: { request in
                var request = request
                request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
                return request
            })
        do {
            _ = try await upstream.connect(transport: transport)
        } catch {
            Output.error("Could not open an MCP session at \(endpoint.absoluteString): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        let server = await MCPProxy.server(forwardingTo: upstream)
        try await server.start(transport: StdioTransport())
        await server.waitUntilCompleted()
        await upstream.disconnect()
    }

    /// `PLOTON_BASE_URL` names the REST API (`…/v1`); MCP is served beside it at `/mcp`.
    static func endpoint(_ environment: [String: String], subagent: String?) throws -> URL {
        var base = environment["PLOTON_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? Ploton.defaultBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix("/v1") { base.removeLast(3) }
        let path = subagent.map { "/mcp/subagents/" + ($0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0) } ?? "/mcp"
        guard let url = URL(string: base + path) else { throw ValidationError("PLOTON_BASE_URL is not a URL.") }
        return url
    }
}

/// A stdio MCP server whose tools are those of an upstream MCP session.
enum MCPProxy {
    static let version = "1.0.0"

    static func server(forwardingTo upstream: Client) async -> Server {
        let server = Server(name: "ploton", version: version, title: "Ploton", capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { params in
            let (tools, next) = try await upstream.listTools(cursor: params.cursor)
            return .init(tools: tools, nextCursor: next)
        }
        await server.withMethodHandler(CallTool.self) { params in
            let call: RequestContext<CallTool.Result> = try await upstream.callTool(name: params.name, arguments: params.arguments)
            return try await withTaskCancellationHandler {
                try await call.value
            } onCancel: {
                Task { try? await upstream.cancelRequest(call.requestID, reason: "Cancelled by the MCP client.") }
            }
        }
        return server
    }
}
