"""A third-party MCP server for Ploton's tests: the official Python SDK's MCPServer (FastMCP).

Usage: python3 server.py PORT [API_KEY]
       python3 server.py PORT --oauth [--token-lifetime SECONDS] [--client ID SECRET REDIRECT_URI]

Serves Streamable HTTP at http://127.0.0.1:PORT/mcp with two tools: `add` (read-only) and
`save-note` (acts). With API_KEY, every request must carry `X-Api-Key: API_KEY` (else 401).

With --oauth the server is an OAuth 2.1 protected resource as the MCP authorization spec defines
it, using the SDK's own authorization-server routes: protected-resource metadata, authorization
server metadata, dynamic client registration (unless --client pre-registers the only client, which
authenticates with client_secret_post and redirects to REDIRECT_URI), PKCE, tokens bound to the resource (RFC 8707) that live
--token-lifetime seconds, rotating refresh tokens. The end user approves every authorization at
once. GET /stats reports what the authorization server saw.
"""

import argparse
import secrets
import time
from urllib.parse import parse_qs

import uvicorn
from mcp.server.auth.provider import (
    AccessToken,
    AuthorizationCode,
    RefreshToken,
    TokenError,
    construct_redirect_uri,
)
from mcp.server.auth.settings import AuthSettings, ClientRegistrationOptions, RevocationOptions
from mcp.server.mcpserver import MCPServer
from mcp.shared.auth import OAuthClientInformationFull, OAuthToken
from mcp.types import ToolAnnotations
from starlette.requests import Request
from starlette.responses import JSONResponse

SCOPE = "notes"


class ApprovingProvider:
    """An in-memory authorization server whose end user approves at once."""

    def __init__(self, resource: str, lifetime: int, client: tuple[str, str, str] | None):
        self.resource = resource
        self.lifetime = lifetime
        self.clients: dict[str, OAuthClientInformationFull] = {}
        self.codes: dict[str, AuthorizationCode] = {}
        self.access: dict[str, AccessToken] = {}
        self.refresh: dict[str, RefreshToken] = {}
        self.stats = {"registrations": 0, "authorizations": [], "token_requests": [], "tool_calls": 0}
        if client:
            self.clients[client[0]] = OAuthClientInformationFull(
                client_id=client[0],
                client_secret=client[1],
                redirect_uris=[client[2]],
                token_endpoint_auth_method="client_secret_post",
                grant_types=["authorization_code", "refresh_token"],
                scope=SCOPE,
            )

    async def get_client(self, client_id: str) -> OAuthClientInformationFull | None:
        return self.clients.get(client_id)

    async def register_client(self, client_info: OAuthClientInformationFull) -> None:
        self.stats["registrations"] += 1
        self.clients[client_info.client_id] = client_info

    async def authorize(self, client: OAuthClientInformationFull, params) -> str:
        self.stats["authorizations"].append(
            {"client_id": client.client_id, "resource": params.resource, "scopes": params.scopes}
        )
        code = secrets.token_urlsafe(32)
        self.codes[code] = AuthorizationCode(
            code=code,
            scopes=params.scopes or [SCOPE],
            expires_at=time.time() + 120,
            client_id=client.client_id,
            code_challenge=params.code_challenge,
            redirect_uri=params.redirect_uri,
            redirect_uri_provided_explicitly=params.redirect_uri_provided_explicitly,
            resource=params.resource,
        )
        return construct_redirect_uri(str(params.redirect_uri), code=code, state=params.state)

    async def load_authorization_code(self, client, authorization_code: str):
        code = self.codes.get(authorization_code)
        return code if code and code.client_id == client.client_id else None

    async def exchange_authorization_code(self, client, authorization_code) -> OAuthToken:
        self.codes.pop(authorization_code.code, None)
        return self.issue(client.client_id, authorization_code.scopes, authorization_code.resource)

    async def load_refresh_token(self, client, refresh_token: str):
        token = self.refresh.get(refresh_token)
        return token if token and token.client_id == client.client_id else None

    async def exchange_refresh_token(self, client, refresh_token, scopes: list[str]) -> OAuthToken:
        if self.refresh.pop(refresh_token.token, None) is None:
            raise TokenError(error="invalid_grant", error_description="refresh token already used")
        return self.issue(client.client_id, scopes, refresh_token.resource)

    async def load_access_token(self, token: str) -> AccessToken | None:
        access = self.access.get(token)
        return access if access and (access.expires_at or 0) > time.time() else None

    async def revoke_token(self, token) -> None:
        self.access.pop(token.token, None)
        self.refresh.pop(token.token, None)

    def issue(self, client_id: str, scopes: list[str], resource: str | None) -> OAuthToken:
        if resource != self.resource:
            raise TokenError(error="invalid_target", error_description=f"tokens are for {self.resource}")
        access, refresh = "at_" + secrets.token_urlsafe(24), "rt_" + secrets.token_urlsafe(24)
        expires = int(time.time()) + self.lifetime
        self.access[access] = AccessToken(
            token=access, client_id=client_id, scopes=scopes, expires_at=expires, resource=resource
        )
        self.refresh[refresh] = RefreshToken(token=refresh, client_id=client_id, scopes=scopes, resource=resource)
        return OAuthToken(
            access_token=access,
            token_type="Bearer",
            expires_in=self.lifetime,
            refresh_token=refresh,
            scope=" ".join(scopes),
        )


def recording_token_requests(app, provider: ApprovingProvider):
    """Records each token request's grant type and RFC 8707 resource, and refuses one whose
    resource is not this server (the SDK leaves that check to the provider)."""

    async def wrapped(scope, receive, send):
        if scope["type"] != "http" or scope["path"] != "/token":
            return await app(scope, receive, send)
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        form = {key: values[0] for key, values in parse_qs(body.decode()).items()}
        provider.stats["token_requests"].append(
            {"grant_type": form.get("grant_type"), "resource": form.get("resource")}
        )
        if form.get("resource") != provider.resource:
            response = JSONResponse({"error": "invalid_target", "error_description": "resource is required"}, 400)
            return await response(scope, receive, send)
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await app(scope, replay, send)

    return wrapped


def build(port: int, oauth: bool, lifetime: int, client: tuple[str, str, str] | None):
    provider = None
    options = {}
    if oauth:
        base = f"http://127.0.0.1:{port}"
        provider = ApprovingProvider(base + "/mcp", lifetime, client)
        options = {
            "auth_server_provider": provider,
            "auth": AuthSettings(
                issuer_url=base,
                resource_server_url=base + "/mcp",
                validate_token_resource=True,
                required_scopes=[SCOPE],
                client_registration_options=ClientRegistrationOptions(
                    enabled=client is None, valid_scopes=[SCOPE], default_scopes=[SCOPE]
                ),
                revocation_options=RevocationOptions(enabled=True),
            ),
        }
    server = MCPServer("notes", **options)
    notes: list[str] = []

    @server.tool(description="Add two integers and return their sum.", annotations=ToolAnnotations(readOnlyHint=True))
    def add(a: int, b: int) -> int:
        return a + b

    @server.tool(name="save-note", description="Save a note and return how many notes are kept.")
    def save_note(text: str) -> dict:
        notes.append(text)
        if provider:
            provider.stats["tool_calls"] += 1
        return {"saved": text, "count": len(notes)}

    if provider:

        @server.custom_route("/stats", methods=["GET"])
        async def stats(request: Request) -> JSONResponse:
            return JSONResponse(provider.stats)

    app = server.streamable_http_app()
    return recording_token_requests(app, provider) if provider else app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("key", nargs="?")
    parser.add_argument("--oauth", action="store_true")
    parser.add_argument("--token-lifetime", type=int, default=3600)
    parser.add_argument("--client", nargs=3)
    args = parser.parse_args()
    app = build(args.port, args.oauth, args.token_lifetime, tuple(args.client) if args.client else None)
    key = args.key

    async def guarded(scope, receive, send):
        if key and scope["type"] == "http":
            headers = dict(scope.get("headers") or [])
            if headers.get(b"x-api-key", b"").decode() != key:
                await send({"type": "http.response.start", "status": 401, "headers": [(b"content-type", b"text/plain")]})
                await send({"type": "http.response.body", "body": b"missing or wrong X-Api-Key"})
                return
        await app(scope, receive, send)

    uvicorn.run(guarded, host="127.0.0.1", port=args.port, log_level="warning", lifespan="on")


if __name__ == "__main__":
    main()
