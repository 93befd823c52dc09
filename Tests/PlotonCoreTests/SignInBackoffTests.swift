import PlotonCore
import Testing

@Suite struct SignInBackoffTests {
    @Test func five_failures_are_free_then_the_lock_doubles_up_to_an_hour() {
        let backoff = SignInBackoff()
        #expect((0...4).allSatisfy { backoff.lock(afterFailures: $0) == nil })
        #expect([5, 6, 7, 8].map { backoff.lock(afterFailures: $0) } == [30, 60, 120, 240])
        #expect(backoff.lock(afterFailures: 12) == 3600 && backoff.lock(afterFailures: 10_000) == 3600)
    }

    @Test func operator_passwords_are_long_enough_and_fit_bcrypt() {
        #expect(OperatorPasswordRule.problem(with: "eleven char") != nil)
        #expect(OperatorPasswordRule.problem(with: "twelve chars") == nil)
        #expect(OperatorPasswordRule.problem(with: String(repeating: "é", count: 37))?.contains("72 bytes") == true)
    }
}
