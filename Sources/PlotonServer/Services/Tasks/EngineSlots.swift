import Synchronization

/// This process's task slots (`PLOTON_WORKER_CONCURRENCY`), shared by its worker's claims and by
/// the tasks a create hands straight to the worker (see `TaskAdmission`). A create takes a slot
/// only while the worker runs, no task that lost a worker is running alone, and the queue has no
/// backlog this process knows of, so a new task never jumps tasks already waiting.
final class EngineSlots: Sendable {
    private struct State {
        var limit = 0
        var active = 0
        var alone = 0
        /// The last claim filled every free slot, or a create went to the queue: tasks may wait.
        var backlog = false
        var workerID: String?
        var runs: AsyncStream<AgentTask>.Continuation?
    }

    private let state = Mutex(State())

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
        let runs = state.withLock { state in
            defer { state.runs = nil }
            state.workerID = nil
            return state.runs
        }
        runs?.finish()
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

    /// A reserved slot the task did not take; `queued`: the task went to the queue (its account
    /// was at its limit or had tasks queued), so claims come before the next create's task.
    func cancel(queued: Bool) {
        state.withLock { state in
            state.active -= 1
            if queued { state.backlog = true }
        }
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

    /// A claim filled `count` of the `reserved` slots; `isolated` of its tasks run alone.
    func claimed(_ count: Int, reserved: Int, isolated: Int) {
        state.withLock { state in
            state.active -= reserved - count
            state.alone += isolated
            state.backlog = count > 0 && count >= reserved
        }
    }

    func finished(isolated: Bool) {
        state.withLock { state in
            state.active -= 1
            if isolated { state.alone -= 1 }
        }
    }
}
