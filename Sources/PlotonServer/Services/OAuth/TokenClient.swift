import Fluent
import Foundation
import NIOCore
import NIOHTTP1
import PlotonCore

/// Ploton as an OAuth client at a provider's token and revocation endpoints (client authentication
/// with HTTP Basic, RFC 6749 §2.3.1, unless the tool says `client_secret_post` or `none`; the RFC 8707
/// `resource` when the tool has one); the sandbox provider is called in process.
struct TokenClient {
    let http: OutboundHTTP
    let sandbox: SandboxAuthorizationServer

    func exchange(_ provider: OAuthProvider, code: String, verifier: String, redirectURI: String) async throws(OAuthError) -> TokenGrant {
        if provider.isSandbox {
            return try await sandbox.exchange(tool: provider.tool, code: code, verifier: verifier, redirectURI: redirectURI)
        }
        return try await post(
            provider, to: provider.tokenURL,
            form: ["grant_type": "authorization_code", "code": code, "redirect_uri": redirectURI, "code_verifier": verifier])
    }

    func refresh(_ provider: OAuthProvider, refreshToken: String) async throws(OAuthError) -> TokenGrant {
        if provider.isSandbox { return try await sandbox.refresh(tool: provider.tool, refreshToken: refreshToken) }
        return try await post(provider, to: provider.tokenURL, form: ["grant_type": "refresh_token", "refresh_token": refreshToken])
    }

    enum Revocation: String {
        case succeeded, failed
        case notSupported = "not_supported"
    }

    /// RFC 7009 at the provider, when it has a revocation endpoint.
    func revoke(_ provider: OAuthProvider, token: String, hint: String) async -> (Revocation, String?) {
        if provider.isSandbox {
            do {
                try await sandbox.revoke(tool: provider.tool, token: token)
                return (.succeeded, nil)
            } catch {
                return (.failed, "The sandbox could not revoke the token.")
            }
        }
        guard let url = provider.revokeURL else { return (.notSupported, "\(provider.tool) has no revocation endpoint.") }
        do {
            let reply = try await http.send(
                .POST, url, headers: headers(provider),
                body: ByteBuffer(
                    string: FormEncoding.encode(
                        Self.form(["token": token, "token_type_hint": hint], provider: provider, resource: false).mapValues(
                            JSONValue.string))))
            // Some providers (Slack) answer 200 with `{"ok": false}` when revocation fails.
            guard (200..<300).contains(reply.status), reply.json?.value(at: "ok") != .bool(false) else {
                return (.failed, "The provider did not confirm the revocation (HTTP \(reply.status)).")
            }
            return (.succeeded, nil)
        } catch {
            return (.failed, "The provider's revocation endpoint could not be reached.")
        }
    }

    private func post(_ provider: OAuthProvider, to url: String, form: [String: String]) async throws(OAuthError) -> TokenGrant {
        let headers = headers(provider)
        let form = Self.form(form, provider: provider)
        // A provider's error may quote what it was sent; its code and description reach the step's
        // failure (stored, in webhooks and traces) and the hosted page, where no secret may go.
        let clientSecret = provider.clientSecret.map { [$0.value, Self.formEncoded($0.value)] } ?? []
        let scrubber = SecretScrubber(
            Self.secretFields.compactMap { form[$0] } + clientSecret + headers[canonicalForm: "Authorization"].map(String.init))
        do {
            return try await grant(from: url, headers: headers, form: form)
        } catch {
            throw scrubber.scrub(error)
        }
    }

    /// The form fields that carry a secret.
    static let secretFields = ["code", "code_verifier", "refresh_token", "client_secret"]

    private func grant(from url: String, headers: HTTPHeaders, form: [String: String]) async throws(OAuthError) -> TokenGrant {
        let reply: OutboundHTTP.Reply
        do {
            reply = try await http.send(
                .POST, url, headers: headers, body: ByteBuffer(string: FormEncoding.encode(form.mapValues(JSONValue.string))))
        } catch {
            throw OAuthError(code: "temporarily_unavailable", description: "The token endpoint could not be reached.")
        }
        guard let body = reply.json else {
            throw OAuthError(
                code: reply.status >= 500 ? "temporarily_unavailable" : "invalid_response",
                description: "The token endpoint answered HTTP \(reply.status) without JSON.")
        }
        if reply.status >= 500, body.value(at: "error") == nil {
            throw OAuthError(code: "temporarily_unavailable", description: "The token endpoint answered HTTP \(reply.status).")
        }
        return try TokenGrant.parse(body)
    }

    /// The request's form with the client's identity (unless it authenticates with Basic) and the resource.
    static func form(_ fields: [String: String], provider: OAuthProvider, resource: Bool = true) -> [String: String] {
        var form = fields
        if provider.clientAuthentication != .clientSecretBasic { form["client_id"] = provider.clientID }
        if provider.clientAuthentication == .clientSecretPost, let secret = provider.clientSecret?.value { form["client_secret"] = secret }
        if resource, let indicator = provider.resource { form["resource"] = indicator }
        return form
    }

    private func headers(_ provider: OAuthProvider) -> HTTPHeaders {
        var headers = HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")])
        guard provider.clientAuthentication == .clientSecretBasic else { return headers }
        let id = Self.formEncoded(provider.clientID)
        let secret = Self.formEncoded(provider.clientSecret?.value ?? "")
        headers.add(name: "Authorization", value: "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString())
        return headers
    }

    /// RFC 6749 §2.3.1: client id and secret are form-encoded before Basic encoding.
    static func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
