import PlotonTestSupport
import Testing

@testable import PlotonServer

/// A create that finds no slot for its task waits a little for one instead of queueing the task
/// at once: it gets the next slot given back, unless its time runs out or the worker stops.
@Suite struct EngineSlotsTests {
    private func openSlots(limit: Int) -> EngineSlots {
        let slots = EngineSlots()
        _ = slots.open(workerID: "wrk_a", limit: limit)
        return slots
    }

    @Test func a_create_that_finds_every_slot_taken_gets_the_next_one_a_run_gives_back() async throws {
        let slots = openSlots(limit: 1)
        #expect(slots.reserve() == "wrk_a")
        let waiting = Task { await slots.reserve(waitingUpTo: .seconds(3_600)) }
        try await eventually("the create waits") { slots.waiting == 1 }
        slots.finished(isolated: false)
        #expect(await waiting.value == "wrk_a")
        #expect(slots.reserve() == nil, "the slot went to the waiting create, not back to the pool")
        #expect(slots.reserveForClaim() == 0)
    }

    @Test func a_create_waiting_behind_a_claim_in_flight_gets_a_slot_the_claim_did_not_fill() async throws {
        let slots = openSlots(limit: 4)
        #expect(slots.reserveForClaim() == 4)
        let waiting = Task { await slots.reserve(waitingUpTo: .seconds(3_600)) }
        try await eventually("the create waits") { slots.waiting == 1 }
        slots.claimed(1, reserved: 4, isolated: 0)
        #expect(await waiting.value == "wrk_a")
        #expect(slots.reserveForClaim() == 2, "one slot runs the claimed task, one the create's")
    }

    @Test func a_create_waiting_while_the_worker_claims_a_backlog_gets_a_slot_once_the_backlog_is_taken() async throws {
        let slots = openSlots(limit: 4)
        #expect(slots.reserve() == "wrk_a")
        slots.cancel(queued: true)
        #expect(slots.reserve() == nil, "a task is queued: creates do not jump it")
        let waiting = Task { await slots.reserve(waitingUpTo: .seconds(3_600)) }
        try await eventually("the create waits") { slots.waiting == 1 }
        #expect(slots.reserveForClaim() == 4)
        slots.claimed(4, reserved: 4, isolated: 0)
        #expect(slots.waiting == 1, "the claim filled every slot: tasks may still be queued")
        #expect(slots.reserveForClaim() == 0)
        slots.finished(isolated: false)
        #expect(slots.reserveForClaim() == 1)
        slots.claimed(0, reserved: 1, isolated: 0)
        #expect(await waiting.value == "wrk_a", "the queue is empty: the create runs its task")
    }

    @Test func a_create_whose_wait_runs_out_or_whose_worker_stops_goes_to_the_queue() async throws {
        let slots = openSlots(limit: 1)
        #expect(slots.reserve() == "wrk_a")
        #expect(await slots.reserve(waitingUpTo: .milliseconds(1)) == nil)
        #expect(slots.waiting == 0)
        #expect(await slots.reserve(waitingUpTo: .zero) == nil, "no wait at all")

        let waiting = Task { await slots.reserve(waitingUpTo: .seconds(3_600)) }
        try await eventually("the create waits") { slots.waiting == 1 }
        slots.close()
        #expect(await waiting.value == nil)
        slots.finished(isolated: false)
        #expect(slots.reserve() == nil, "no worker takes tasks from creates")
    }

    @Test func no_more_creates_wait_than_sixteen_a_slot() async throws {
        let slots = openSlots(limit: 1)
        #expect(slots.reserveForClaim() == 1)
        let waiting = (0..<EngineSlots.waitersPerSlot).map { _ in Task { await slots.reserve(waitingUpTo: .seconds(3_600)) } }
        try await eventually("sixteen creates wait") { slots.waiting == EngineSlots.waitersPerSlot }
        #expect(await slots.reserve(waitingUpTo: .seconds(3_600)) == nil, "the seventeenth goes to the queue at once")
        slots.claimed(0, reserved: 1, isolated: 0)
        // Whichever create queued first is woken first (the tasks start in no set order), and each slot given back wakes
        // the next: awaiting them in the order they were made hung when the first made queued last.
        for woken in 1...waiting.count {
            try await eventually("create \(woken) is given the slot") { slots.waiting == waiting.count - woken }
            if woken < waiting.count { slots.finished(isolated: false) }
        }
        for create in waiting { #expect(await create.value == "wrk_a") }
    }

    /// At saturation (every slot taken by runs that finish and give it back, no backlog) a create
    /// waits on past its bound while slots come free, rather than queue its task: a queued task
    /// costs more, and its account's later creates queue behind it (the overload cliff).
    @Test func a_create_waits_on_while_slots_keep_coming_free_and_queues_once_they_stop() async throws {
        let slots = openSlots(limit: 1)
        #expect(slots.reserve() == "wrk_a")
        // Bounds of 2 s: the slot must come free inside the second create's first bound, and the check fall between its
        // first and second, even on a loaded machine (with 300 ms bounds a busy CI missed both).
        let first = Task { await slots.reserve(waitingUpTo: .seconds(2), patience: .seconds(3_600)) }
        try await eventually("the first create waits") { slots.waiting == 1 }
        let second = Task { await slots.reserve(waitingUpTo: .seconds(2), patience: .seconds(3_600)) }
        try await eventually("both creates wait") { slots.waiting == 2 }
        slots.finished(isolated: false)
        #expect(await first.value == "wrk_a")
        try await Task.sleep(for: .seconds(3))
        #expect(slots.waiting == 1, "a slot came free during its bound: it waits on")
        #expect(await second.value == nil, "no slot came free during the next bound: it queues")
    }

    /// Sustained overload: every slot taken and creates waiting. A task queued another way (resumed
    /// after an approval, a run given back) still gets a slot: the worker's claim takes its turn,
    /// the next slot given back, before the waiting creates, and a full turn does not hold the
    /// creates back (they share the slots while the queue has tasks).
    @Test func a_claim_takes_its_turn_before_creates_waiting_for_every_slot() async throws {
        let slots = openSlots(limit: 2)
        #expect(slots.reserve() == "wrk_a")
        #expect(slots.reserve() == "wrk_a")
        let create = Task { await slots.reserve(waitingUpTo: .seconds(3_600)) }
        try await eventually("the create waits") { slots.waiting == 1 }
        let turn = Task { await slots.claimTurn(waitingUpTo: .seconds(3_600)) }
        try await eventually("the claim waits for its turn") { slots.claimWaits }
        slots.finished(isolated: false)
        #expect(await turn.value == 1, "the slot given back went to the claim")
        #expect(slots.waiting == 1, "the create still waits")
        slots.claimed(1, reserved: 1, isolated: 0, turn: true)
        slots.finished(isolated: false)
        #expect(await create.value == "wrk_a", "a full turn leaves creates admitted: the next slot is the create's")
    }

    @Test func a_claim_turn_is_not_taken_while_no_create_waits_and_ends_with_its_bound_or_the_worker() async throws {
        let slots = openSlots(limit: 1)
        #expect(await slots.claimTurn(waitingUpTo: .seconds(3_600)) == 0, "a slot is free: claim as usual")
        #expect(slots.reserve() == "wrk_a")
        #expect(await slots.claimTurn(waitingUpTo: .seconds(3_600)) == 0, "no create waits: claim when a slot comes free")
        let create = Task { await slots.reserve(waitingUpTo: .seconds(3_600)) }
        try await eventually("the create waits") { slots.waiting == 1 }
        #expect(await slots.claimTurn(waitingUpTo: .milliseconds(1)) == 0, "no slot came free within its bound")
        let turn = Task { await slots.claimTurn(waitingUpTo: .seconds(3_600)) }
        try await eventually("the claim waits for its turn") { slots.claimWaits }
        slots.close()
        #expect(await turn.value == 0)
        #expect(await create.value == nil)
    }

    @Test func a_cancelled_claim_turn_ends_at_once() async throws {
        let slots = openSlots(limit: 1)
        #expect(slots.reserve() == "wrk_a")
        let create = Task { await slots.reserve(waitingUpTo: .seconds(3_600)) }
        try await eventually("the create waits") { slots.waiting == 1 }
        let turn = Task { await slots.claimTurn(waitingUpTo: .seconds(3_600)) }
        try await eventually("the claim waits for its turn") { slots.claimWaits }
        turn.cancel()
        #expect(await turn.value == 0)
        #expect(!slots.claimWaits)
        slots.finished(isolated: false)
        #expect(await create.value == "wrk_a", "the slot went to the create")
    }

    @Test func a_create_waits_no_longer_than_its_bound_while_the_worker_has_a_backlog() async throws {
        let slots = openSlots(limit: 2)
        #expect(slots.reserve() == "wrk_a")
        #expect(slots.reserve() == "wrk_a")
        slots.cancel(queued: true)
        let waiting = Task { await slots.reserve(waitingUpTo: .milliseconds(100), patience: .seconds(3_600)) }
        try await eventually("the create waits") { slots.waiting == 1 }
        slots.finished(isolated: false)
        #expect(await waiting.value == nil, "a task is queued: the create does not wait on past its bound")
    }
}

/// A task that lost a worker runs alone: no claim or create beside it until its run ends its
/// isolation (when it finishes, or after one lease; `TaskWorker`), once.
@Suite struct AloneRunTests {
    @Test func claims_and_creates_wait_for_a_run_alone_and_go_on_once_it_ends() async throws {
        let slots = EngineSlots()
        _ = slots.open(workerID: "wrk_a", limit: 4)
        #expect(slots.reserveForClaim() == 4)
        slots.claimed(1, reserved: 4, isolated: 1)
        let alone = slots.aloneRun()
        #expect(slots.reserveForClaim() == 0, "nothing is claimed beside a task that lost a worker")
        #expect(slots.reserve() == nil, "nor created")
        let waiting = Task { await slots.reserve(waitingUpTo: .seconds(3_600)) }
        try await eventually("the create waits") { slots.waiting == 1 }
        #expect(alone.end())
        #expect(await waiting.value == "wrk_a", "the waiting create runs beside the task still running")
        #expect(!alone.end(), "an isolation ends once")
        #expect(slots.reserveForClaim() == 2)
        slots.claimed(0, reserved: 2, isolated: 0)
        slots.finished(isolated: false)
        #expect(slots.reserveForClaim() == 3, "its slot is given back like any other")
    }
}
