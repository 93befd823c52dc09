import PlotonCore
import Testing

/// The offline parts of MCP authorisation discovery: what a 401 says, and where metadata is looked for.
@Suite struct OAuthDiscoveryTests {
    @Test func a_bearer_challenge_is_read_with_quoted_escaped_and_bare_values() {
        let header =
            #"Bearer error="invalid_token", error_description="Say \"hi\", then go", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope=notes"#
        let challenge = OAuthDiscovery.bearerChallenge(header)
        #expect(challenge["resource_metadata"] == "https://mcp.example.com/.well-known/oauth-protected-resource/mcp")
        #expect(challenge["error_description"] == #"Say "hi", then go"#)
        #expect(challenge["scope"] == "notes")
        #expect(OAuthDiscovery.bearerChallenge(#"Basic realm="x""#).isEmpty)
        #expect(OAuthDiscovery.bearerChallenge(#"Bearer realm="a", Basic realm="b""#) == ["realm": "a"])
    }

    @Test func metadata_is_looked_for_where_rfc_9728_rfc_8414_and_oidc_discovery_put_it() {
        #expect(
            OAuthDiscovery.protectedResourceMetadataURLs(resource: "https://mcp.example.com/v1/mcp?x=1") == [
                "https://mcp.example.com/.well-known/oauth-protected-resource/v1/mcp",
                "https://mcp.example.com/.well-known/oauth-protected-resource",
            ])
        #expect(
            OAuthDiscovery.authorizationServerMetadataURLs(issuer: "https://auth.example.com") == [
                "https://auth.example.com/.well-known/oauth-authorization-server",
                "https://auth.example.com/.well-known/openid-configuration",
            ])
        #expect(
            OAuthDiscovery.authorizationServerMetadataURLs(issuer: "https://auth.example.com/tenant1/") == [
                "https://auth.example.com/.well-known/oauth-authorization-server/tenant1",
                "https://auth.example.com/.well-known/openid-configuration/tenant1",
                "https://auth.example.com/tenant1/.well-known/openid-configuration",
            ])
    }

    @Test func a_registered_client_authenticates_the_way_the_server_takes() {
        #expect(OAuthDiscovery.clientAuthentication(supported: nil) == .clientSecretBasic)
        #expect(OAuthDiscovery.clientAuthentication(supported: ["client_secret_basic", "client_secret_post"]) == .clientSecretPost)
        #expect(OAuthDiscovery.clientAuthentication(supported: ["none"]) == .none)
        #expect(OAuthDiscovery.sameOrigin("https://a.example.com/mcp", "https://a.example.com:443/other"))
        #expect(!OAuthDiscovery.sameOrigin("https://a.example.com/mcp", "https://b.example.com/mcp"))
    }
}
