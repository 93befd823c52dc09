import Foundation
import NIOCore
import NIOHTTP1
import PlotonCore

/// A client for a remote MCP server used as a tool (Streamable HTTP). Each use is one short
/// session: `initialize`, `notifications/initialized`, the request, then `DELETE`; answers are
/// read whether the server sends JSON or an SSE stream. Everything goes through `OutboundHTTP`,
/// so the destination policy, timeouts and no-redirects apply to the server's URL.
struct MCPRemoteClient {
    let http: OutboundHTTP
    let url: String
    /// The tool's credentials as headers (`Authorization`, or its API-key header).
    let headers: [String: String]
    let service: String

    static let protocolVersion = "2025-11-25"
    static let maxPages = 10

    /// Every tool the server lists (following `nextCursor`).
    func listTools() async throws -> [JSONValue] {
        try await session { session in
            var tools: [JSONValue] = []
            var cursor: JSONValue?
            for _ in 0..<Self.maxPages {
                let result = try await session.request("tools/list", params: .object(cursor.map { ["cursor": $0] } ?? [:]))
                tools += result.value(at: "tools")?.arrayValue ?? []
                guard let next = result.value(at: "nextCursor"), next != .null else { break }
                cursor = next
            }
            return tools
        }
    }

    /// The result of `tools/call`: `content`, `structuredContent`, `isError`.
    func callTool(_ name: String, arguments: [String: JSONValue]) async throws -> JSONValue {
        try await session { session in
            try await session.request("tools/call", params: .object(["name": .string(name), "arguments": .object(arguments)]))
        }
    }

    private func session<Value>(_ body: (Session) async throws -> Value) async throws -> Value {
        var session = Session(client: self, id: nil)
        let (opened, reply) = try await session.exchange(
            "initialize",
            params: .object([
                "protocolVersion": .string(Self.protocolVersion), "capabilities": .object([:]),
                "clientInfo": .object(["name": .string("ploton"), "version": .string("1.0.0")]),
            ]))
        session.id = reply.headers.first(name: "Mcp-Session-Id")
        session.version = opened.value(at: "protocolVersion")?.stringValue ?? Self.protocolVersion
        try await session.notify("notifications/initialized")
        do {
            let value = try await body(session)
            await session.end()
            return value
        } catch {
            await session.end()
            throw error
        }
    }

    struct Session {
        let client: MCPRemoteClient
        var id: String?
        var version: String?

        /// Sends a request; returns its `result`, or throws the server's JSON-RPC error as a tool failure.
        func request(_ method: String, params: JSONValue) async throws -> JSONValue {
            try await exchange(method, params: params).result
        }

        func exchange(_ method: String, params: JSONValue) async throws -> (result: JSONValue, reply: OutboundHTTP.Reply) {
            let body = JSONValue.object([
                "jsonrpc": .string("2.0"), "id": .number(1), "method": .string(method), "params": params,
            ])
            let reply = try await client.http.send(.POST, client.url, headers: headers(), body: ByteBuffer(string: body.jsonText))
            try HTTPFailureMapping.check(reply, service: client.service)
            guard let message = Self.messages(in: reply).first(where: { $0.value(at: "id") == .number(1) }) else {
                throw ToolFailure(code: "service_error", message: "\(client.service) sent no answer to \(method).", retryable: true)
            }
            if let error = message.value(at: "error") {
                throw ToolFailure(
                    code: "service_error",
                    message: "\(client.service) refused \(method): \(error.value(at: "message")?.stringValue ?? error.jsonText).")
            }
            return (message.value(at: "result") ?? .null, reply)
        }

        func notify(_ method: String) async throws {
            let body = JSONValue.object(["jsonrpc": .string("2.0"), "method": .string(method)])
            let reply = try await client.http.send(.POST, client.url, headers: headers(), body: ByteBuffer(string: body.jsonText))
            try HTTPFailureMapping.check(reply, service: client.service)
        }

        /// Ends the session; a server that keeps no sessions may refuse, which changes nothing.
        func end() async {
            guard id != nil else { return }
            _ = try? await client.http.send(.DELETE, client.url, headers: headers())
        }

        private func headers() -> HTTPHeaders {
            var headers = HTTPHeaders(client.headers.map { ($0.key, $0.value) })
            headers.replaceOrAdd(name: "Content-Type", value: "application/json")
            headers.replaceOrAdd(name: "Accept", value: "application/json, text/event-stream")
            if let id { headers.replaceOrAdd(name: "Mcp-Session-Id", value: id) }
            if let version { headers.replaceOrAdd(name: "MCP-Protocol-Version", value: version) }
            return headers
        }

        /// The JSON-RPC messages of a reply: its JSON body, or each `data:` event of an SSE stream.
        static func messages(in reply: OutboundHTTP.Reply) -> [JSONValue] {
            let text = String(buffer: reply.body)
            guard reply.headers.first(name: .contentType)?.lowercased().hasPrefix("text/event-stream") == true else {
                return JSONValue.parse(text).map { $0.arrayValue ?? [$0] } ?? []
            }
            return text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n").compactMap { event in
                let data = event.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { $0.hasPrefix("data:") }
                    .map { $0.dropFirst(5).drop { $0 == " " } }
                    .joined(separator: "\n")
                return data.isEmpty ? nil : JSONValue.parse(data)
            }
        }
    }
}
