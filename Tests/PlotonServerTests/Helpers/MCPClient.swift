import Foundation
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// Speaking MCP's Streamable HTTP to the app in memory, as raw JSON-RPC, to see exactly what is on
/// the wire.
extension TestApp {
    static let mcpVersion = "2025-11-25"

    @discardableResult
    func mcp(_ json: String, key: String? = nil, session: String? = nil, path: String = "mcp") async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Accept": "application/json, text/event-stream", "MCP-Protocol-Version": Self.mcpVersion]
        if let session { headers.add(name: "Mcp-Session-Id", value: session) }
        return try await send(.POST, path, key: key ?? testKey, json: json, headers: headers)
    }

    /// Initializes a session (and sends `notifications/initialized`); returns its id.
    func mcpSession(key: String? = nil, path: String = "mcp", version: String = mcpVersion) async throws -> String {
        let response = try await mcp(Self.initialize(version: version), key: key, path: path)
        #expect(response.status == .ok, "\(response.body.string)")
        let session = try #require(response.headers.first(name: "Mcp-Session-Id"))
        let initialized = try await mcp(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, key: key, session: session, path: path)
        #expect(initialized.status == .accepted)
        return session
    }

    static func initialize(version: String = mcpVersion) -> String {
        #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"\#(version)","capabilities":{},"#
            + #""clientInfo":{"name":"ploton-tests","version":"1"}}}"#
    }

    static func call(_ id: Int, _ tool: String, _ arguments: String = "{}", progressToken: String? = nil) -> String {
        let meta = progressToken.map { #","_meta":{"progressToken":"\#($0)"}"# } ?? ""
        return #"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"\#(tool)","arguments":\#(arguments)\#(meta)}}"#
    }
}

extension TestingHTTPResponse {
    /// The `result` of a JSON-RPC response.
    var rpcResult: [String: Any] {
        get throws { try #require(try object["result"] as? [String: Any], "\(body.string)") }
    }

    /// The `structuredContent` of a `tools/call` result.
    var structured: [String: Any] {
        get throws { try #require(try rpcResult["structuredContent"] as? [String: Any]) }
    }

    var toolText: String {
        get throws {
            let content = try #require(try rpcResult["content"] as? [[String: Any]])
            return content.compactMap { $0["text"] as? String }.joined()
        }
    }
}
