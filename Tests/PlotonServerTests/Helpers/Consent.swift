import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// Playing the end user in the hosted consent flow, in memory, against the sandbox provider.
extension TestApp {
    /// The path and query of an absolute URL on this server (`http://localhost:8080/auth/crm?…`).
    static func local(_ url: String) throws -> String {
        let components = try #require(URLComponents(string: url))
        return String(components.path.dropFirst()) + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    /// Opens `authURL`, presses Approve (or Deny) on the sandbox consent page, and follows the
    /// provider back to Ploton's callback; returns the callback's response.
    @discardableResult
    func consent(_ authURL: String, approve: Bool = true) async throws -> TestingHTTPResponse {
        let start = try await send(.GET, try Self.local(authURL))
        #expect(start.status == .seeOther, "\(start.body.string)")
        let authorize = try #require(start.headers.first(name: .location))
        let page = try await send(.GET, try Self.local(authorize))
        #expect(page.status == .ok && page.body.string.contains(">Approve<") && page.body.string.contains(">Deny<"), "\(page.body.string)")
        let query = try #require(URLComponents(string: authorize)?.queryItems)
        var form = query.map { "\($0.name)=\(Self.formEncoded($0.value ?? ""))" }
        form.append("decision=\(approve ? "approve" : "deny")")
        let decided = try await app.testing().sendRequest(
            .POST, try Self.local(authorize).components(separatedBy: "?")[0],
            headers: ["Content-Type": "application/x-www-form-urlencoded"], body: ByteBuffer(string: form.joined(separator: "&")))
        #expect(decided.status == .seeOther)
        return try await send(.GET, try Self.local(try #require(decided.headers.first(name: .location))))
    }

    static func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }

    /// Connects `userID` to `tool` ahead of any task (POST /v1/connections/authorize, then consent).
    func connect(_ userID: String, _ tool: String, key: String? = nil) async throws {
        let response = try await send(
            .POST, "v1/connections/authorize", key: key ?? testKey, json: #"{"user_id":"\#(userID)","tool":"\#(tool)"}"#)
        #expect(response.status == .created, "\(response.body.string)")
        let callback = try await consent(try #require(try response.object["auth_url"] as? String))
        #expect(callback.status == .ok, "\(callback.body.string)")
    }

    /// Creates a task for `user_123` from `prompt`, runs it (approving consents) and returns it as the API shows it.
    func runPrompt(_ prompt: String) async throws -> [String: Any] {
        let body = try JSONSerialization.data(withJSONObject: ["prompt": prompt, "user_id": "user_123"])
        let id = try await createTask(String(decoding: body, as: UTF8.self))
        try await drainConsenting()
        return try await task(id)
    }

    /// Runs queued tasks, approving every consent they wait for, until none is left to run.
    func drainConsenting(key: String? = nil) async throws {
        for _ in 0..<10 {
            try await drain()
            let waiting = try #require(
                try await send(.GET, "v1/tasks?status=waiting&limit=100", key: key ?? testKey).object["data"] as? [[String: Any]])
            let consents = waiting.compactMap { $0["waiting"] as? [String: Any] }
                .filter { ["oauth_consent_required", "additional_scopes_required"].contains($0["reason"] as? String) }
                .compactMap { $0["auth_url"] as? String }
            guard !consents.isEmpty else { return }
            for url in consents { try await consent(url) }
        }
    }
}
