import PlotonCore
import Testing

@Suite struct ClaimSharesTests {
    @Test func accounts_take_one_task_per_round_in_turn_order() {
        #expect(ClaimShares.split(free: [10, 10, 10], limit: 7) == [3, 2, 2])
        #expect(ClaimShares.split(free: [10, 10, 10], limit: 2) == [1, 1, 0], "the first in turn go first")
    }

    @Test func no_account_gets_more_than_its_free_slots() {
        #expect(ClaimShares.split(free: [1, 0, 5], limit: 32) == [1, 0, 5])
        #expect(ClaimShares.split(free: [], limit: 32) == [])
        #expect(ClaimShares.split(free: [3], limit: 0) == [0])
    }
}
