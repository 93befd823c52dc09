#!/usr/bin/env python3
"""Verify Ploton webhook signatures. Python 3 standard library only.

Ploton signs every delivery twice:

* ``X-Ploton-Signature``: lowercase hex HMAC-SHA256 of the raw body, keyed with the
  UTF-8 bytes of the whole secret string (``whsec_...``, prefix included).
* Standard Webhooks (https://www.standardwebhooks.com): ``webhook-id``,
  ``webhook-timestamp`` (unix seconds) and ``webhook-signature``, a space-separated
  list of ``v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`` keyed with the
  base64-decoded part of the secret after ``whsec_``.

Check either one (the Standard Webhooks one also guards against replays). Always
verify the raw request bytes, never re-serialized JSON.

Library use::

    from verify import verify_standard_webhooks
    if not verify_standard_webhooks(raw_body, request.headers, secret):
        return 400

CLI (used by the tests): reads ``{"secret", "body_base64", "headers", "now"?}`` as
JSON on stdin and prints ``{"ploton": bool, "standard": bool}``.
"""

import base64
import binascii
import hashlib
import hmac
import json
import sys
import time

SECRET_PREFIX = "whsec_"
DEFAULT_TOLERANCE = 300  # seconds either side of now


def verify_ploton_signature(body: bytes, header: str, secret: str) -> bool:
    """True when ``header`` (the X-Ploton-Signature value) signs ``body``."""
    if not isinstance(header, str) or not isinstance(secret, str):
        return False
    expected = hmac.new(secret.encode("utf-8"), bytes(body), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode("ascii"), header.strip().lower().encode("utf-8"))


def verify_standard_webhooks(body: bytes, headers: dict, secret: str, tolerance=DEFAULT_TOLERANCE, now=None) -> bool:
    """True when the webhook-* headers sign ``body`` with ``secret`` and the timestamp
    is within ``tolerance`` seconds of ``now`` (default: the current time).

    ``headers`` is any mapping; names are matched case-insensitively. During a secret
    rotation ``webhook-signature`` carries several signatures; any one matching is enough.
    """
    key = _standard_key(secret)
    fields = _lowercased(headers)
    msg_id = fields.get("webhook-id")
    timestamp = fields.get("webhook-timestamp")
    signatures = fields.get("webhook-signature")
    if not key or not msg_id or not timestamp or not signatures:
        return False
    timestamp = timestamp.strip()
    if not (timestamp.isascii() and timestamp.isdigit()):
        return False
    current = int(time.time() if now is None else now)
    if abs(current - int(timestamp)) > tolerance:
        return False

    signed = f"{msg_id}.{timestamp}.".encode("utf-8") + bytes(body)
    expected = hmac.new(key, signed, hashlib.sha256).digest()
    matched = False
    for entry in signatures.split():
        version, _, value = entry.partition(",")
        if version != "v1":
            continue
        try:
            candidate = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            continue
        # Check every entry, without stopping early, in constant time.
        matched |= hmac.compare_digest(expected, candidate)
    return matched


def _standard_key(secret) -> bytes:
    if not isinstance(secret, str):
        return b""
    encoded = secret[len(SECRET_PREFIX):] if secret.startswith(SECRET_PREFIX) else secret
    try:
        return base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except (binascii.Error, ValueError):
        return b""


def _lowercased(headers) -> dict:
    result = {}
    for name, value in (headers or {}).items():
        if isinstance(value, (list, tuple)):
            value = value[0] if value else None
        if isinstance(name, str) and isinstance(value, str):
            result[name.lower()] = value
    return result


def main() -> int:
    try:
        request = json.load(sys.stdin)
        secret = request["secret"]
        body = base64.b64decode(request.get("body_base64", ""), validate=True)
        headers = request.get("headers") or {}
        now = request.get("now")
    except (ValueError, KeyError, TypeError, binascii.Error) as error:
        print(f"verify.py: bad input: {error}", file=sys.stderr)
        return 2
    ploton = verify_ploton_signature(body, _lowercased(headers).get("x-ploton-signature"), secret)
    standard = verify_standard_webhooks(body, headers, secret, now=now)
    print(json.dumps({"ploton": ploton, "standard": standard}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
