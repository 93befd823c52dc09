import Crypto
import Foundation
import PlotonAPI

/// Verifies a webhook delivery against the raw body and headers, then decodes the event.
///
/// Checks the Standard Webhooks signature (`webhook-id`, `webhook-timestamp` within `tolerance`,
/// any `v1,` entry of `webhook-signature`) and, when present, `X-Ploton-Signature`; comparisons
/// are constant time.
public struct WebhookVerifier: Sendable {
    public let secret: String
    public let tolerance: TimeInterval
    private let parsed: WebhookSecret

    public init(secret: String, tolerance: TimeInterval = 300) throws {
        guard let parsed = WebhookSecret(parsing: secret) else {
            throw PlotonError.configuration("The webhook secret must be a whsec_… secret.")
        }
        self.secret = secret
        self.tolerance = tolerance
        self.parsed = parsed
    }

    /// `headers`: names in any case.
    public func verify(body: Data, headers: [String: String], now: Date = Date()) throws -> Event {
        let lower = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        guard let id = lower["webhook-id"], let timestamp = lower["webhook-timestamp"].flatMap(Int.init),
            let signatures = lower["webhook-signature"]
        else { throw PlotonError.invalidSignature("The webhook-id, webhook-timestamp or webhook-signature header is missing.") }
        guard abs(now.timeIntervalSince1970 - TimeInterval(timestamp)) <= tolerance else {
            throw PlotonError.invalidSignature("The webhook timestamp is outside the tolerance (a replay, or a clock problem).")
        }
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(body)
        let key = SymmetricKey(data: parsed.keyBytes)
        let matches = signatures.split(separator: " ").contains { entry in
            guard entry.hasPrefix("v1,"), let mac = Data(base64Encoded: String(entry.dropFirst(3))) else { return false }
            return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: signed, using: key)
        }
        guard matches else { throw PlotonError.invalidSignature("No webhook-signature entry matches this secret.") }
        if let header = lower["x-ploton-signature"], !verifyPlotonSignature(body: body, header: header) {
            // During a secret overlap X-Ploton-Signature carries the new secret only; the Standard
            // Webhooks signature above already proved the body.
            if signatures.split(separator: " ").count < 2 {
                throw PlotonError.invalidSignature("X-Ploton-Signature does not match this secret.")
            }
        }
        do {
            return try PlotonJSON.decoder().decode(Event.self, from: body)
        } catch {
            throw PlotonError.invalidSignature("The body is signed but is not a Ploton event: \(error)")
        }
    }

    /// `X-Ploton-Signature`: lowercase hex HMAC-SHA256 of the body keyed with the secret string.
    public func verifyPlotonSignature(body: Data, header: String) -> Bool {
        let hex = Array(header.lowercased().utf8)
        guard hex.count == 64 else { return false }
        var mac: [UInt8] = []
        for index in stride(from: 0, to: 64, by: 2) {
            guard let byte = UInt8(String(decoding: hex[index..<index + 2], as: UTF8.self), radix: 16) else { return false }
            mac.append(byte)
        }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: SymmetricKey(data: Data(secret.utf8)))
    }
}
