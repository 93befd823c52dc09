import Foundation
import Testing

@testable import PlotonServer

@Suite struct WakeUpTests {
    @Test func a_signal_before_waiting_is_not_lost() async {
        let wakeUp = WakeUp()
        wakeUp.signal()
        let started = ContinuousClock.now
        // Far from the timeout either way: the whole suite's first wave can hold the test up for a minute.
        await wakeUp.wait(upTo: 600)
        #expect(ContinuousClock.now - started < .seconds(300), "returned because of the signal, not the timeout")
    }

    @Test func a_signal_wakes_a_waiter() async {
        let wakeUp = WakeUp()
        let started = ContinuousClock.now
        async let waited: Void = wakeUp.wait(upTo: 600)
        wakeUp.signal()  // before or during the wait: either way it must end it
        await waited
        #expect(ContinuousClock.now - started < .seconds(300))
    }

    @Test func without_a_signal_the_wait_ends_at_the_timeout() async {
        await WakeUp().wait(upTo: 0.01)
    }
}
