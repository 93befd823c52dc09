import Foundation
import PlotonCore
import Testing

@Suite struct WebhookSecretTests {
    @Test func secrets_are_whsec_and_base64_of_32_bytes() throws {
        let secret = WebhookSecret.generate()
        #expect(secret.value.hasPrefix("whsec_"))
        #expect(secret.keyBytes.count == 32)
        #expect(Data(base64Encoded: String(secret.value.dropFirst(6)))?.count == 32)
        #expect(WebhookSecret(parsing: secret.value) == secret)
        #expect(WebhookSecret(parsing: "whsec_!!") == nil)
        #expect(WebhookSecret(parsing: "sk_abc") == nil)
        #expect("\(secret)" == "whsec_<redacted>")
        #expect(WebhookSecret.generate() != secret)
    }

    /// Both signatures, byte for byte as HMAC-SHA256 gives them (vectors from Python's `hmac`), the same when the
    /// secret's keyed HMAC is reused, and each secret's own.
    @Test func signatures_are_hmac_sha256_of_the_body_and_stay_so_when_keys_are_reused() throws {
        let secret = try #require(WebhookSecret(parsing: "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="))
        let body = Data(#"{"a":1}"#.utf8)
        for _ in 0..<3 {
            #expect(
                WebhookSignature.ploton(body: body, secret: secret)
                    == "d3f1ea16147b8b8d0304fe2a9559b4b4b84d057af19b132191df3378cbd1234a")
            #expect(
                WebhookSignature.standard(id: "evt_1", timestamp: 1_700_000_000, body: body, secret: secret)
                    == "v1,hUVxIYXs8Zy9GDiZD1uQbBwXoZGMAB6RVLdZZ3ffmek=")
        }
        let other = WebhookSecret.generate()
        #expect(WebhookSignature.ploton(body: body, secret: other) != WebhookSignature.ploton(body: body, secret: secret))
        let headers = WebhookSignature.headers(id: "evt_1", timestamp: 1_700_000_000, body: body, secrets: [other, secret])
        let signatures = headers.first { $0.name == "webhook-signature" }?.value
        #expect(signatures?.hasSuffix(" v1,hUVxIYXs8Zy9GDiZD1uQbBwXoZGMAB6RVLdZZ3ffmek=") == true)
    }
}
