import Synchronization

/// This process's task slots (`PLOTON_WORKER_CONCURRENCY`), shared by its worker's claims and by
/// the tasks a create hands straight to the worker (see `TaskAdmission`). A create takes a slot
/// only while the worker runs, no task that lost a worker is running alone, and the queue has no
/// backlog this process knows of, so a new task never jumps tasks already waiting. A create that
/// finds no slot for it (every one taken by runs or by a claim in flight, which reserves every
/// free slot until it knows how many it filled; or a backlog the worker is claiming) waits a
/// little for one (`reserve(waitingUpTo:patience:)`) rather than queueing its task at once: a queued
/// task costs a second commit and, while its account has a task queued, that account's creates
/// queue theirs too, so at saturation one queued task turned every later one into a queued one.
/// While slots keep coming free (creates and short runs finishing) and the worker has no backlog,
/// a create goes on waiting, up to its patience: an overloaded server then answers creates later
/// instead of falling back to the queued path, which costs several times more per task and, for
/// one account, runs at most its concurrency limit at once (session 25's overload cliff).
final class EngineSlots: Sendable {
    private struct State {
        var limit = 0
        var active = 0
        var alone = 0
        /// The last claim filled every free slot, or a create went to the queue: tasks may wait.
        var backlog = false
        var workerID: String?
        var runs: AsyncStream<AgentTask>.Continuation?
        /// Creates waiting for a slot, first come first served.
        var waiters: [Waiter] = []
        var lastWaiter: UInt64 = 0
        /// Slots given back so far: a waiting create that saw some since its last look is moving up.
        var freed: UInt64 = 0
        /// The worker waiting for its turn (`claimTurn`): the next slot given back is its, before the creates'.
        var claimTurn: ClaimTurn?

        /// A create may take a slot now (if one is free).
        var admitsCreates: Bool { workerID != nil && alone == 0 && !backlog }

        /// Gives back `count` slots; a worker waiting for its turn takes the first free one, then
        /// the first waiting creates take the free ones while creates are admitted. What to resume
        /// (outside the lock) with its slot.
        mutating func free(_ count: Int) -> Grants {
            active -= count
            freed &+= UInt64(max(0, count))
            var granted = Grants()
            if let turn = claimTurn, alone == 0, active < limit {
                active += 1
                (granted.claim, claimTurn) = (turn, nil)
            }
            while admitsCreates, let id = workerID, active < limit, !waiters.isEmpty {
                active += 1
                granted.creates.append((waiters.removeFirst(), id))
            }
            return granted
        }
    }

    private struct Grants {
        var creates: [(Waiter, String?)] = []
        var claim: ClaimTurn?
    }

    private struct ClaimTurn: Sendable {
        let id: UInt64
        let resume: CheckedContinuation<Int, Never>
        let timer: Task<Void, Never>
    }

    private struct Waiter: Sendable {
        let id: UInt64
        let resume: CheckedContinuation<String?, Never>
        let timer: Task<Void, Never>
    }

    private let state = Mutex(State())

    /// Creates waiting for a slot now.
    var waiting: Int { state.withLock { $0.waiters.count } }

    /// The worker waits for its claim's turn (`claimTurn`).
    var claimWaits: Bool { state.withLock { $0.claimTurn != nil } }

    /// The worker starts taking tasks from creates; it runs the tasks the stream yields.
    func open(workerID: String, limit: Int) -> AsyncStream<AgentTask> {
        let (runs, continuation) = AsyncStream.makeStream(of: AgentTask.self)
        state.withLock { state in
            state.workerID = workerID
            state.limit = limit
            state.runs = continuation
        }
        return runs
    }

    func close() {
        let (runs, waiting, turn) = state.withLock { state in
            defer { (state.runs, state.waiters, state.claimTurn) = (nil, [], nil) }
            state.workerID = nil
            return (state.runs, state.waiters, state.claimTurn)
        }
        runs?.finish()
        Self.resume(Grants(creates: waiting.map { ($0, nil) }))
        turn?.timer.cancel()
        turn?.resume.resume(returning: 0)
    }

    /// A slot for a new task to run here at once, named by the worker that will hold its lease;
    /// nil when it is to go to the queue. Give it back with `cancel()` if the task was queued.
    func reserve() -> String? {
        state.withLock { state in
            guard let id = state.workerID, state.alone == 0, !state.backlog, state.active < state.limit else { return nil }
            state.active += 1
            return id
        }
    }

    /// Creates that may wait at once per slot; more go to the queue at once.
    static let waitersPerSlot = 16

    /// As `reserve()`, but when there is no slot for a create, waits for one, first come first
    /// served (at most `waitersPerSlot` creates a slot wait at once; more go to the queue at once).
    /// It gives up after `bound` with no slot given back, or while the worker has a backlog to
    /// claim; as long as slots keep coming free, it waits up to `patience` (at least `bound`).
    func reserve(waitingUpTo bound: Duration, patience: Duration = .zero) async -> String? {
        await withCheckedContinuation { (resume: CheckedContinuation<String?, Never>) in
            let now: String?? = state.withLock { state in
                guard let id = state.workerID else { return .some(nil) }
                if state.admitsCreates, state.active < state.limit {
                    state.active += 1
                    return id
                }
                guard bound > .zero, state.waiters.count < state.limit * Self.waitersPerSlot else { return .some(nil) }
                state.lastWaiter += 1
                let (waiter, freed) = (state.lastWaiter, state.freed)
                let timer = Task { [weak self] in
                    var (waited, seen) = (Duration.zero, freed)
                    while true {
                        try? await Task.sleep(for: bound)
                        guard !Task.isCancelled, let self else { return }
                        waited += bound
                        guard let moved = self.expire(waiter, unlessMovedSince: seen, waited: waited, patience: patience) else { return }
                        seen = moved
                    }
                }
                state.waiters.append(Waiter(id: waiter, resume: resume, timer: timer))
                return nil
            }
            if let now { resume.resume(returning: now) }
        }
    }

    /// A waiting create's `bound` passed again: it goes to the queue (unless it got a slot
    /// meanwhile), or, when slots came free since it last looked (`seen`), the worker has no
    /// backlog and its patience lasts, it waits on. Returns the count of slots freed to compare
    /// with next time, or nil when its wait is over.
    private func expire(_ waiter: UInt64, unlessMovedSince seen: UInt64, waited: Duration, patience: Duration) -> UInt64? {
        let (expired, moved): (Waiter?, UInt64?) = state.withLock { state in
            guard let index = state.waiters.firstIndex(where: { $0.id == waiter }) else { return (nil, nil) }
            if state.freed != seen, state.admitsCreates, waited < patience { return (nil, state.freed) }
            return (state.waiters.remove(at: index), nil)
        }
        expired?.resume.resume(returning: nil)
        return moved
    }

    private static func resume(_ granted: Grants) {
        if let turn = granted.claim {
            turn.timer.cancel()
            turn.resume.resume(returning: 1)
        }
        for (waiter, slot) in granted.creates {
            waiter.timer.cancel()
            waiter.resume.resume(returning: slot)
        }
    }

    /// A reserved slot the task did not take; `queued`: the task went to the queue (its account
    /// was at its limit or had tasks queued), so claims come before the next create's task.
    func cancel(queued: Bool) {
        let granted = state.withLock { state in
            if queued { state.backlog = true }
            return state.free(1)
        }
        Self.resume(granted)
    }

    /// Hands a task claimed at its creation to the worker, in the slot reserved for it; false
    /// (and the slot free again) when the worker stopped meanwhile.
    func start(_ task: AgentTask) -> Bool {
        let runs = state.withLock { $0.runs }
        guard let runs, case .enqueued = runs.yield(task) else {
            finished(isolated: false)
            return false
        }
        return true
    }

    /// Reserves every free slot for a claim (none while a task runs alone); the claim then says
    /// how many it filled.
    func reserveForClaim() -> Int {
        state.withLock { state in
            let free = state.alone > 0 ? 0 : max(0, state.limit - state.active)
            state.active += free
            return free
        }
    }

    /// A slot for a claim while every slot is taken and creates wait for one (sustained
    /// overload): the next slot given back, before the waiting creates. Without it a task queued
    /// another way (resumed after an approval, a run given back) was claimed only once no create
    /// waited, which at sustained overload is as long as the overload lasts. 1 when the turn
    /// came; 0 at once when no create waits or a slot is free (claim with `reserveForClaim()`),
    /// while a task runs alone, or after `bound` with no slot given back, or when the worker stops.
    /// A claim in its turn takes one task; `claimed(…, turn: true)` then leaves creates admitted,
    /// so claims and creates share the slots while the queue has tasks.
    func claimTurn(waitingUpTo bound: Duration) async -> Int {
        // Cancelled (the worker stops): the turn ends at once, so shutdown does not wait for a slot or the bound.
        await withTaskCancellationHandler {
            await withCheckedContinuation { (resume: CheckedContinuation<Int, Never>) in
                let waits = state.withLock { state in
                    guard !Task.isCancelled, state.workerID != nil, state.alone == 0, state.claimTurn == nil,
                        state.active >= state.limit, !state.waiters.isEmpty
                    else { return false }
                    state.lastWaiter += 1
                    let turn = state.lastWaiter
                    let timer = Task { [weak self] in
                        try? await Task.sleep(for: bound)
                        guard !Task.isCancelled else { return }
                        self?.endTurn(turn)
                    }
                    state.claimTurn = ClaimTurn(id: turn, resume: resume, timer: timer)
                    return true
                }
                if !waits { resume.resume(returning: 0) }
            }
        } onCancel: {
            endTurn(nil)
        }
    }

    /// Ends the claim's turn `id` (nil: whichever waits) with no slot, unless it got one meanwhile.
    private func endTurn(_ id: UInt64?) {
        let ended = state.withLock { state -> ClaimTurn? in
            guard let current = state.claimTurn, id == nil || current.id == id else { return nil }
            state.claimTurn = nil
            return current
        }
        ended?.timer.cancel()
        ended?.resume.resume(returning: 0)
    }

    /// A claim filled `count` of the `reserved` slots; `isolated` of its tasks run alone. `turn`:
    /// the claim ran in its turn (`claimTurn`), and a full one does not hold creates back.
    func claimed(_ count: Int, reserved: Int, isolated: Int, turn: Bool = false) {
        let granted = state.withLock { state in
            state.alone += isolated
            state.backlog = !turn && count > 0 && count >= reserved
            return state.free(reserved - count)
        }
        Self.resume(granted)
    }

    func finished(isolated: Bool) {
        let granted = state.withLock { state in
            if isolated { state.alone -= 1 }
            return state.free(1)
        }
        Self.resume(granted)
    }

    /// The run of a task that lost a worker, alone until `end()`; its slot is given back with
    /// `finished(isolated: false)` as any other's.
    func aloneRun() -> AloneRun { AloneRun(self) }

    final class AloneRun: Sendable {
        private let slots: EngineSlots
        private let running = Mutex(true)

        fileprivate init(_ slots: EngineSlots) { self.slots = slots }

        /// Claims and creates may go on beside the run from now; false when they already could.
        func end() -> Bool {
            guard
                running.withLock({ running in
                    defer { running = false }; return running
                })
            else { return false }
            let granted = slots.state.withLock { state in
                state.alone -= 1
                return state.free(0)
            }
            EngineSlots.resume(granted)
            return true
        }
    }
}
