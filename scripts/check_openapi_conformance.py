#!/usr/bin/env python3
"""Checks recorded API exchanges against the OpenAPI document.

Usage: check_openapi_conformance.py OPENAPI_JSON EXCHANGES_JSONL

Each line of EXCHANGES_JSONL is {"method", "path" (the template, e.g. /v1/api_keys/{id}),
"status", "headers" (lower-case names), "body"}. For each, the status must be documented for the
operation, the body must validate against that response's JSON Schema (OpenAPI 3.1 dialect), and
every documented response header that is marked in our conventions (X-Request-Id) must be present.
Exits 1 listing every mismatch.
"""
import json
import sys

from openapi_schema_validator import OAS31Validator


def resolve(doc, node):
    while isinstance(node, dict) and "$ref" in node:
        path = node["$ref"].lstrip("#/").split("/")
        node = doc
        for part in path:
            node = node[part]
    return node


def main():
    doc = json.load(open(sys.argv[1]))
    problems = []
    count = 0
    for line in open(sys.argv[2]):
        if not line.strip():
            continue
        count += 1
        ex = json.loads(line)
        where = f'{ex["method"]} {ex["path"]} -> {ex["status"]}'
        operation = doc["paths"].get(ex["path"], {}).get(ex["method"].lower())
        if operation is None:
            problems.append(f"{where}: operation not in the document")
            continue
        response = operation["responses"].get(str(ex["status"]))
        if response is None:
            problems.append(f"{where}: status not documented for this operation")
            continue
        response = resolve(doc, response)
        for name in response.get("headers", {}):
            if name.lower() in ("x-request-id", "retry-after", "ratelimit", "ratelimit-policy") and name.lower() not in ex["headers"]:
                problems.append(f"{where}: missing header {name}")
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            continue
        if not ex["headers"].get("content-type", "").startswith("application/json"):
            problems.append(f"{where}: content-type is {ex['headers'].get('content-type')!r}")
        try:
            body = json.loads(ex["body"])
        except ValueError:
            problems.append(f"{where}: body is not JSON")
            continue
        rooted = dict(resolve(doc, schema))
        rooted["components"] = doc["components"]
        for error in OAS31Validator(rooted).iter_errors(body):
            problems.append(f"{where}: {error.json_path}: {error.message}")
    for problem in problems:
        print(problem)
    print(f"checked {count} exchanges, {len(problems)} problems")
    return 1 if problems or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
