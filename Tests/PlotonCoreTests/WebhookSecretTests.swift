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
}
