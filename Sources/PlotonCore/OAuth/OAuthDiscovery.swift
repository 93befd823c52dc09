import Foundation

/// The parts of OAuth discovery that need no network, in the order the MCP authorization spec
/// gives: the protected resource's `WWW-Authenticate` challenge (RFC 6750 §3, RFC 9728 §5.1), the
/// well-known URLs of its metadata (RFC 9728 §3.1) and of its authorisation server's (RFC 8414 §3.1,
/// OpenID Connect Discovery 1.0 §4), and how a registered client authenticates at the token endpoint.
public enum OAuthDiscovery {
    /// The parameters of a `Bearer` challenge (`resource_metadata`, `scope`, `error`, …), lower-cased names.
    public static func bearerChallenge(_ header: String) -> [String: String] {
        var rest = Substring(header)
        guard let start = rest.range(of: "bearer", options: [.caseInsensitive]) else { return [:] }
        rest = rest[start.upperBound...]
        var parameters: [String: String] = [:]
        while true {
            rest = rest.drop { $0 == " " || $0 == "," }
            let name = rest.prefix { $0 != "=" && $0 != " " && $0 != "," }
            rest = rest.dropFirst(name.count).drop { $0 == " " }
            // A name without `=` starts the next challenge (another scheme).
            guard !name.isEmpty, rest.first == "=" else { return parameters }
            rest = rest.dropFirst().drop { $0 == " " }
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        value.append(character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        break
                    } else {
                        value.append(character)
                    }
                }
            } else {
                value = String(rest.prefix { $0 != "," && $0 != " " })
                rest = rest.dropFirst(value.count)
            }
            parameters[name.lowercased()] = value
        }
    }

    /// Where a resource's metadata may be: the path-specific well-known URL, then the origin's.
    public static func protectedResourceMetadataURLs(resource: String) -> [String] {
        wellKnown("oauth-protected-resource", for: resource)
    }

    /// Where an issuer's metadata may be: OAuth 2.0 metadata, then OpenID Connect discovery (both the
    /// path-inserted form and, for issuers with a path, the path-appended one).
    public static func authorizationServerMetadataURLs(issuer: String) -> [String] {
        let inserted = ["oauth-authorization-server", "openid-configuration"].compactMap { wellKnown($0, for: issuer).first }
        let hasPath = URLComponents(string: issuer).map { !$0.path.droppingTrailingSlash.isEmpty } ?? false
        return hasPath ? inserted + [issuer.droppingTrailingSlash + "/.well-known/openid-configuration"] : inserted
    }

    /// `{origin}/.well-known/{suffix}{path}`, then `{origin}/.well-known/{suffix}` when there is a path.
    static func wellKnown(_ suffix: String, for url: String) -> [String] {
        guard var components = URLComponents(string: url) else { return [] }
        let path = components.path.droppingTrailingSlash
        components.query = nil
        components.fragment = nil
        components.path = "/.well-known/\(suffix)" + path
        let specific = components.string ?? url
        components.path = "/.well-known/\(suffix)"
        let origin = components.string ?? url
        return path.isEmpty ? [origin] : [specific, origin]
    }

    /// How a client Ploton registers authenticates at the token endpoint: with its secret in the
    /// form when the server takes that (what MCP authorisation servers commonly expect), else with
    /// HTTP Basic (RFC 8414's default when the server does not say), else as a public client.
    public static func clientAuthentication(supported: [String]?) -> ToolDefinition.Auth.ClientAuthentication {
        guard let supported else { return .clientSecretBasic }
        return [.clientSecretPost, .clientSecretBasic, .none].first { supported.contains($0.rawValue) } ?? .clientSecretBasic
    }

    /// Same scheme, host and port.
    public static func sameOrigin(_ first: String, _ second: String) -> Bool {
        guard let a = URLComponents(string: first), let b = URLComponents(string: second) else { return false }
        return a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased()
            && (a.port ?? defaultPort(a.scheme)) == (b.port ?? defaultPort(b.scheme))
    }

    private static func defaultPort(_ scheme: String?) -> Int? { scheme?.lowercased() == "https" ? 443 : 80 }
}

extension String {
    fileprivate var droppingTrailingSlash: String { hasSuffix("/") ? String(dropLast()) : self }
}
