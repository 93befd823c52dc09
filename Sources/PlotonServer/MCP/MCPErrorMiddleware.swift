import Foundation
import Vapor

/// On `/mcp`, the refusals of the middleware shared with `/v1` (401, 403, 429, 503…) keep their
/// status and headers but carry a JSON-RPC error body, `"invalid_api_key: …"`, which MCP clients
/// show; a Ploton error envelope would reach the user only as "the server returned an error".
struct MCPErrorMiddleware: AsyncMiddleware {
    /// JSON-RPC's range for implementation-defined server errors.
    static let code = -32001

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            response = ErrorResponse.response(for: error, request: request)
        }
        guard response.status.code >= 400, let body = response.body.data,
            let envelope = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let error = envelope["error"] as? [String: Any], let code = error["code"] as? String
        else { return response }
        let message = "\(code): \(error["message"] as? String ?? "")"
        let rpc: [String: Any] = [
            "jsonrpc": "2.0", "id": NSNull(),
            "error": ["code": Self.code, "message": message, "data": ["code": code, "request_id": request.requestID]],
        ]
        response.body = .init(data: try JSONSerialization.data(withJSONObject: rpc))
        return response
    }
}
