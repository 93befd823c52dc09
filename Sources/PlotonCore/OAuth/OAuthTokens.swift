import Foundation

/// A token endpoint's successful answer (RFC 6749 §5.1).
public struct TokenGrant: Sendable, Equatable {
    public var accessToken: String
    public var refreshToken: String?
    /// Seconds; providers that omit it get `defaultLifetime`.
    public var expiresIn: TimeInterval
    /// The scopes granted, when the provider says (otherwise the ones asked for were granted).
    public var scopes: [String]?
    public var tokenType: String

    /// For providers that do not say how long an access token lives.
    public static let defaultLifetime: TimeInterval = 3600
    /// The longest lifetime believed (a year): the expiry is stored, and `1e300` seconds is no date.
    public static let maxLifetime: TimeInterval = 365 * 86_400

    public init(accessToken: String, refreshToken: String?, expiresIn: TimeInterval, scopes: [String]?, tokenType: String = "Bearer") {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresIn = expiresIn
        self.scopes = scopes
        self.tokenType = tokenType
    }

    /// Reads a token response; an `error` member (RFC 6749 §5.2) or a missing token is a failure.
    public static func parse(_ body: JSONValue) throws(OAuthError) -> TokenGrant {
        if let error = body.value(at: "error")?.stringValue {
            throw OAuthError(code: error, description: body.value(at: "error_description")?.stringValue)
        }
        guard let access = body.value(at: "access_token")?.stringValue, !access.isEmpty else {
            throw OAuthError(code: "invalid_response", description: "The token response has no access_token.")
        }
        let expiresIn = body.value(at: "expires_in").flatMap { $0.numberValue ?? $0.stringValue.flatMap { Double.finite($0) } }
        return TokenGrant(
            accessToken: access, refreshToken: body.value(at: "refresh_token")?.stringValue,
            expiresIn: TimeInterval.boundedDelay(expiresIn, atMost: maxLifetime).flatMap { $0 > 0 ? $0 : nil } ?? defaultLifetime,
            scopes: body.value(at: "scope")?.stringValue.map(OAuthScopes.parse),
            tokenType: body.value(at: "token_type")?.stringValue ?? "Bearer")
    }
}

/// An OAuth error code (`invalid_grant`, `access_denied`, …) and the provider's description.
public struct OAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var description: String

    public init(code: String, description: String? = nil) {
        self.code = code
        self.description = description ?? code
    }
}

public enum OAuthScopes {
    /// Space-delimited (RFC 6749), tolerating commas (Slack, HubSpot).
    public static func parse(_ text: String) -> [String] {
        text.split { $0 == " " || $0 == "," }.map(String.init)
    }

    /// `needed` minus what was granted, in order.
    public static func missing(_ needed: [String], granted: [String]) -> [String] {
        let have = Set(granted)
        var seen = Set<String>()
        return needed.filter { !have.contains($0) && seen.insert($0).inserted }
    }

    /// Both lists, without repeats, in order.
    public static func union(_ first: [String], _ second: [String]) -> [String] {
        var seen = Set<String>()
        return (first + second).filter { seen.insert($0).inserted }
    }
}
