import PlotonCore
import Testing

/// The adaptive per-destination limit and the ordered lanes the webhook dispatcher runs on.
@Suite struct WebhookDispatchRulesTests {
    @Test func a_healthy_destination_grows_to_the_maximum_and_no_further() {
        var limits = DestinationConcurrency(initial: 4, maximum: 10)
        #expect(limits.allowance("a") == 4)
        let tickets = (0..<4).map { _ in limits.started("a") }
        #expect(limits.allowance("a") == 0, "four in flight use the starting allowance")
        for ticket in tickets { limits.finished(ticket, healthy: true) }
        #expect(limits.limit("a") == 8)
        for _ in 0..<20 { limits.finished(limits.started("a"), healthy: true) }
        #expect(limits.limit("a") == 10)
        #expect(limits.allowance("b") == 4, "another destination is untouched")
    }

    @Test func failures_halve_the_limit_once_per_burst_down_to_one() {
        var limits = DestinationConcurrency(initial: 4, maximum: 64)
        for _ in 0..<12 { limits.finished(limits.started("a"), healthy: true) }
        #expect(limits.limit("a") == 16)
        // Sixteen attempts in flight all time out: one halving, not sixteen.
        let burst = (0..<16).map { _ in limits.started("a") }
        for ticket in burst { limits.finished(ticket, healthy: false) }
        #expect(limits.limit("a") == 8)
        // Each later failure (started after the cut) halves again, down to one and no lower.
        for expected in [4, 2, 1, 1] {
            limits.finished(limits.started("a"), healthy: false)
            #expect(limits.limit("a") == expected)
        }
        #expect(limits.allowance("a") == 1)
        limits.finished(limits.started("a"), healthy: true)
        #expect(limits.limit("a") == 2, "it grows back as the receiver recovers")
    }

    @Test func a_lane_runs_its_items_in_order_one_at_a_time_and_lanes_run_side_by_side() {
        var lanes = OrderedLanes<Int>()
        let first = lanes.enqueue([("t1", 1), ("t2", 2), ("t1", 3), (nil, 4), (nil, 5)])
        #expect(first.map(\.item) == [1, 2, 4, 5])
        #expect(lanes.enqueue([("t1", 6), ("t2", 7)]).isEmpty, "both lanes are busy")
        #expect(lanes.next(after: "t1") == 3)
        #expect(lanes.next(after: "t1") == 6)
        #expect(lanes.next(after: "t1") == nil)
        #expect(lanes.enqueue([("t1", 8)]).map(\.item) == [8], "an idle lane starts at once")
        #expect(lanes.next(after: "t2") == 7)
        #expect(lanes.next(after: "t2") == nil)
    }
}
