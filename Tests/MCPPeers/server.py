"""A third-party MCP server for Ploton's tests: the official Python SDK's MCPServer (FastMCP).

Usage: python3 server.py PORT [API_KEY]

Serves Streamable HTTP at http://127.0.0.1:PORT/mcp with two tools: `add` (read-only) and
`save-note` (acts). With API_KEY, every request must carry `X-Api-Key: API_KEY` (else 401).
"""

import sys

import uvicorn
from mcp.server.mcpserver import MCPServer
from mcp.types import ToolAnnotations

server = MCPServer("notes")
notes: list[str] = []


@server.tool(description="Add two integers and return their sum.", annotations=ToolAnnotations(readOnlyHint=True))
def add(a: int, b: int) -> int:
    return a + b


@server.tool(name="save-note", description="Save a note and return how many notes are kept.")
def save_note(text: str) -> dict:
    notes.append(text)
    return {"saved": text, "count": len(notes)}


def main() -> None:
    port = int(sys.argv[1])
    key = sys.argv[2] if len(sys.argv) > 2 else None
    app = server.streamable_http_app()

    async def guarded(scope, receive, send):
        if key and scope["type"] == "http":
            headers = dict(scope.get("headers") or [])
            if headers.get(b"x-api-key", b"").decode() != key:
                await send({"type": "http.response.start", "status": 401, "headers": [(b"content-type", b"text/plain")]})
                await send({"type": "http.response.body", "body": b"missing or wrong X-Api-Key"})
                return
        await app(scope, receive, send)

    uvicorn.run(guarded, host="127.0.0.1", port=port, log_level="warning", lifespan="on")


if __name__ == "__main__":
    main()
