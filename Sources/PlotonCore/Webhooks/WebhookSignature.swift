import Crypto
import Foundation

/// The signatures on every webhook delivery.
///
/// - `X-Ploton-Signature`: lowercase hex HMAC-SHA256 of the raw body, keyed with the secret string
///   as shown (`whsec_…`, UTF-8), always the newest secret.
/// - Standard Webhooks: `webhook-signature` is `v1,<base64 HMAC-SHA256>` of `{id}.{timestamp}.{body}`
///   keyed with the decoded bytes after `whsec_`; one entry per active secret, newest first.
public enum WebhookSignature {
    public static func ploton(body: Data, secret: WebhookSecret) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.value.utf8)))
        return LowercaseHex.string(mac)
    }

    public static func standard(id: String, timestamp: Int, body: Data, secret: WebhookSecret) -> String {
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: secret.keyBytes))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// All signature headers for one attempt; `secrets` newest first (two during a rotation overlap).
    public static func headers(id: String, timestamp: Int, body: Data, secrets: [WebhookSecret]) -> [(name: String, value: String)] {
        guard let newest = secrets.first else { return [] }
        return [
            ("X-Ploton-Signature", ploton(body: body, secret: newest)),
            ("webhook-id", id),
            ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", secrets.map { standard(id: id, timestamp: timestamp, body: body, secret: $0) }.joined(separator: " ")),
        ]
    }
}
