#!/usr/bin/env node
// Verify Ploton webhook signatures. Node 18+, built-in modules only.
//
// Ploton signs every delivery twice:
//
// * X-Ploton-Signature: lowercase hex HMAC-SHA256 of the raw body, keyed with the UTF-8 bytes
//   of the whole secret string ("whsec_...", prefix included).
// * Standard Webhooks (https://www.standardwebhooks.com): webhook-id, webhook-timestamp (unix
//   seconds) and webhook-signature, a space-separated list of
//   "v1,<base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`>" keyed with the base64-decoded part
//   of the secret after "whsec_".
//
// Check either one (the Standard Webhooks one also guards against replays). Always verify the raw
// request bytes (e.g. express.raw({ type: "application/json" })), never re-serialized JSON.
//
//   import { verifyStandardWebhooks } from "./verify.mjs";
//   if (!verifyStandardWebhooks(req.body, req.headers, secret)) return res.sendStatus(400);
//
// CLI (used by the tests): reads {"secret", "body_base64", "headers", "now"?} as JSON on stdin and
// prints {"ploton": bool, "standard": bool}.

import { createHmac, timingSafeEqual } from "node:crypto";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

const SECRET_PREFIX = "whsec_";
const DEFAULT_TOLERANCE = 300; // seconds either side of now

/** True when `header` (the X-Ploton-Signature value) signs `body` (Buffer, Uint8Array or string). */
export function verifyPlotonSignature(body, header, secret) {
  if (typeof header !== "string" || typeof secret !== "string") return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(toBuffer(body)).digest("hex"), "utf8");
  const received = Buffer.from(header.trim().toLowerCase(), "utf8");
  return expected.length === received.length && timingSafeEqual(expected, received);
}

/**
 * True when the webhook-* headers sign `body` with `secret` and the timestamp is within
 * `tolerance` seconds of `now` (unix seconds; default: the current time). `headers` is a plain
 * object (names matched case-insensitively) or a fetch `Headers`. During a secret rotation
 * webhook-signature carries several signatures; any one matching is enough.
 */
export function verifyStandardWebhooks(body, headers, secret, tolerance = DEFAULT_TOLERANCE, now = undefined) {
  const key = standardKey(secret);
  const msgId = header(headers, "webhook-id");
  let timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!key || !msgId || !timestamp || !signatures) return false;
  timestamp = timestamp.trim();
  if (!/^[0-9]+$/.test(timestamp)) return false;
  const current = Math.floor(now ?? Date.now() / 1000);
  if (Math.abs(current - Number(timestamp)) > tolerance) return false;

  const expected = createHmac("sha256", key)
    .update(`${msgId}.${timestamp}.`, "utf8")
    .update(toBuffer(body))
    .digest();
  let matched = false;
  for (const entry of signatures.split(/\s+/)) {
    const comma = entry.indexOf(",");
    if (comma < 0 || entry.slice(0, comma) !== "v1") continue;
    const value = entry.slice(comma + 1);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) continue;
    const candidate = Buffer.from(value, "base64");
    // Check every entry, without stopping early, in constant time.
    if (candidate.length === expected.length && timingSafeEqual(expected, candidate)) matched = true;
  }
  return matched;
}

function standardKey(secret) {
  if (typeof secret !== "string") return null;
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null;
  const key = Buffer.from(encoded, "base64");
  return key.length > 0 ? key : null;
}

function header(headers, name) {
  if (!headers) return undefined;
  if (typeof headers.get === "function") return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === "string" ? first : undefined;
  }
  return undefined;
}

function toBuffer(body) {
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new TypeError("body must be the raw request bytes (Buffer, Uint8Array or string), not parsed JSON");
}

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  let request;
  try {
    request = JSON.parse(input);
    if (typeof request?.secret !== "string") throw new Error("secret must be a string");
  } catch (error) {
    process.stderr.write(`verify.mjs: bad input: ${error.message}\n`);
    process.exit(2);
  }
  const body = Buffer.from(request.body_base64 ?? "", "base64");
  const headers = request.headers ?? {};
  const ploton = verifyPlotonSignature(body, header(headers, "x-ploton-signature"), request.secret);
  const standard = verifyStandardWebhooks(body, headers, request.secret, DEFAULT_TOLERANCE, request.now ?? undefined);
  process.stdout.write(JSON.stringify({ ploton, standard }) + "\n");
}

function runDirectly() {
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (runDirectly()) await main();
