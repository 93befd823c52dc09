"""An independent MCP client for Ploton's tests: the official Python SDK (`pip install mcp`).

Usage: python3 client.py URL API_KEY '[{"op": "list"}, {"op": "call", "name": "...", "arguments": {...}, "progress": true}]'
URL is the server's /mcp, or `stdio:PATH` to start `PATH mcp` (Ploton's stdio server) instead.

Connects over Streamable HTTP with `Authorization: Bearer API_KEY`, initializes, runs the
operations in order and prints one JSON object: the negotiated protocol version, the server's
name and each operation's outcome (tool lists, tool results, progress seen, JSON-RPC errors).
A session refused before it began (a bad key) prints {"refused": {...}}.
"""

import asyncio
import json
import os
import sys

import httpx2
from mcp import ClientSession, MCPError, StdioServerParameters, stdio_client
from mcp.client.streamable_http import create_mcp_http_client, streamable_http_client


async def run(url: str, key: str, operations: list) -> dict:
    if url.startswith("stdio:"):
        # `stdio:/path/to/ploton`: start `ploton mcp` as a desktop client would, with the key in its environment.
        server = StdioServerParameters(command=url[len("stdio:") :], args=["mcp"], env={**os.environ, "PLOTON_API_KEY": key})
        async with stdio_client(server) as (read, write):
            return await converse(read, write, operations)
    http = create_mcp_http_client(headers={"Authorization": f"Bearer {key}"})
    async with http, streamable_http_client(url, http_client=http) as (read, write):
        return await converse(read, write, operations)


async def converse(read, write, operations: list) -> dict:
    async with ClientSession(read, write) as session:
        init = await session.initialize()
        report = {"protocol_version": init.protocol_version, "server": init.server_info.name, "results": []}
        for operation in operations:
            report["results"].append(await perform(session, operation))
        return report


async def perform(session: ClientSession, operation: dict) -> dict:
    try:
        if operation["op"] == "list":
            listed = await session.list_tools()
            return {"tools": [tool.model_dump(by_alias=True, mode="json", exclude_none=True) for tool in listed.tools]}
        progress = []

        async def on_progress(value, total, message):
            progress.append({"progress": value, "message": message})

        result = await session.call_tool(
            operation["name"],
            operation.get("arguments", {}),
            progress_callback=on_progress if operation.get("progress") else None,
        )
        return {
            "is_error": bool(result.is_error),
            "text": "".join(part.text for part in result.content if getattr(part, "type", "") == "text"),
            "structured": result.structured_content,
            "progress": progress,
        }
    except MCPError as error:
        return {"error": {"code": error.code, "message": str(error)}}


def main() -> None:
    url, key, operations = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    try:
        report = asyncio.run(run(url, key, operations))
    except BaseException as error:  # an exception group from the transport's task group
        refusal = find_refusal(error)
        if refusal is None:
            raise
        report = {"refused": refusal}
    print(json.dumps(report))


def find_refusal(error: BaseException):
    """The HTTP status or MCP error that ended the session before it began."""
    if isinstance(error, httpx2.HTTPStatusError):
        return {"status": error.response.status_code}
    if isinstance(error, MCPError):
        return {"code": error.code, "message": str(error)}
    for nested in getattr(error, "exceptions", []) or []:
        refusal = find_refusal(nested)
        if refusal is not None:
            return refusal
    cause = error.__cause__ or error.__context__
    return find_refusal(cause) if cause is not None else None


if __name__ == "__main__":
    main()
