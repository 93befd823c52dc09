import PlotonCore
import Testing

@Suite struct RedactedTests {
    @Test func printing_a_redacted_value_hides_it() {
        let secret = Redacted("hunter2")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect(secret.value == "hunter2")
    }
}
