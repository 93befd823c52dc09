import Crypto
import Foundation
import Synchronization

/// The signatures on every webhook delivery.
///
/// - `X-Ploton-Signature`: lowercase hex HMAC-SHA256 of the raw body, keyed with the secret string
///   as shown (`whsec_…`, UTF-8), always the newest secret.
/// - Standard Webhooks: `webhook-signature` is `v1,<base64 HMAC-SHA256>` of `{id}.{timestamp}.{body}`
///   keyed with the decoded bytes after `whsec_`; one entry per active secret, newest first.
public enum WebhookSignature {
    public static func ploton(body: Data, secret: WebhookSecret) -> String {
        var mac = keyed(secret, .ploton)
        mac.update(data: body)
        return LowercaseHex.string(mac.finalize())
    }

    public static func standard(id: String, timestamp: Int, body: Data, secret: WebhookSecret) -> String {
        var mac = keyed(secret, .standard)
        mac.update(data: Data("\(id).\(timestamp).".utf8))
        mac.update(data: body)
        return "v1," + Data(mac.finalize()).base64EncodedString()
    }

    /// Which key a signature is made with: the secret's text, or the bytes its base64 part decodes to.
    private enum Scheme: Hashable { case ploton, standard }

    /// An HMAC already keyed with a secret, kept per secret and scheme: keying one (the padded key hashed into the
    /// inner and outer states, the secret's base64 decoded) was a third of signing's samples, paid on every
    /// delivery (session 27 profile). Each signature updates its own copy (`HMAC` is a value; its hash state is
    /// copied on write), so the kept one stays as keyed. At most `keptKeys`: a full store starts over.
    private static let keyedMACs = Mutex<[KeyedMAC: HMAC<SHA256>]>([:])
    private static let keptKeys = 256
    private struct KeyedMAC: Hashable {
        let secret: String
        let scheme: Scheme
    }

    private static func keyed(_ secret: WebhookSecret, _ scheme: Scheme) -> HMAC<SHA256> {
        let id = KeyedMAC(secret: secret.value, scheme: scheme)
        if let kept = keyedMACs.withLock({ $0[id] }) { return kept }
        let key = SymmetricKey(data: scheme == .ploton ? Data(secret.value.utf8) : secret.keyBytes)
        let mac = HMAC<SHA256>(key: key)
        keyedMACs.withLock { kept in
            if kept.count >= keptKeys { kept.removeAll() }
            kept[id] = mac
        }
        return mac
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
