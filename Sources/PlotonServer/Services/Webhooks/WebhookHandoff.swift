import Fluent
import Foundation
import PlotonCore
import Synchronization

/// Hands the outbox rows that this process's task runs write to this process's dispatcher in
/// memory, once their transaction has committed: the rows are written already leased to the
/// dispatcher, so it sends them without claiming them from the database. Polling (and, on
/// PostgreSQL, NOTIFY) is left for rows written elsewhere and for recovery: a row whose handoff is
/// lost (a crash, a dispatcher that stopped) is claimed again when its lease runs out.
///
/// Code that runs tasks binds `target` (`binding(_:)`); `Database.writeTransaction` then gives
/// each of its transactions a `Collector`, which `WebhookOutbox.insert` fills and `afterCommit`
/// hands over.
final class WebhookHandoff: Sendable {
    /// A leased row waiting for the dispatcher, until when its lease holds, and its event as
    /// written when that makes its body (the dispatcher then does not read it back).
    struct Handed: Sendable {
        let row: WebhookOutboxRow
        /// Kept a third of a lease ahead while the row waits (`renewWaiting`).
        var leaseExpiresAt: Date
        var event: WebhookEvent? = nil
        /// Its task's events to its URL (`WebhookAttempt.lane`), known whether or not `event` is; made once, as
        /// `take` looks at every waiting row.
        var lane: String? = nil
        /// When its transaction committed (set as it is handed over).
        var committedAt: Date? = nil
    }

    private struct State {
        var owner: String?
        var leaseSeconds: TimeInterval = 0
        var wakeUp: WakeUp?
        var queue = HandoffQueue()
        var spilled = SpilledLanes()
    }

    /// Lanes (a task's events to one URL) with rows left to their leases because they waited too
    /// long: the lane's later rows are left to their leases too, until this process has made every
    /// attempt so left, since a claim takes them in order and the hand-over would not.
    struct SpilledLanes {
        private var rows: [String: Set<String>] = [:]
        private var laneOf: [String: String] = [:]
        private var latestLease: [String: Date] = [:]

        var isEmpty: Bool { rows.isEmpty }

        func contains(_ lane: String) -> Bool { rows[lane] != nil }

        mutating func spill(_ handed: Handed, lane: String) {
            rows[lane, default: []].insert(handed.row.id)
            laneOf[handed.row.id] = lane
            latestLease[lane] = max(latestLease[lane] ?? handed.leaseExpiresAt, handed.leaseExpiresAt)
        }

        mutating func attempted(_ rowID: String) {
            guard let lane = laneOf.removeValue(forKey: rowID) else { return }
            rows[lane]?.remove(rowID)
            if rows[lane]?.isEmpty == true { forget(lane) }
        }

        private var nextForget = Date.distantPast

        /// Lanes whose rows another process must have taken (their leases ran out before `date`);
        /// looked for at most every ten seconds.
        mutating func forget(leasesEndedBefore date: Date) {
            guard date >= nextForget else { return }
            nextForget = date.addingTimeInterval(10)
            for (lane, lease) in latestLease where lease < date { forget(lane) }
        }

        private mutating func forget(_ lane: String) {
            for id in rows.removeValue(forKey: lane) ?? [] { laneOf[id] = nil }
            latestLease[lane] = nil
        }
    }

    /// How long after its rows' leases ran out a spilled lane is forgotten if this process did not
    /// make their attempts (another process claimed them).
    static let spilledLaneMemory: TimeInterval = 600

    private let state = Mutex(State())

    /// The handoff of the process whose task runs write here.
    @TaskLocal static var target: WebhookHandoff?
    /// The rows of the write transaction running now.
    @TaskLocal static var collector: Collector?

    /// The rows one transaction wrote, leased to the dispatcher that was attached when it began.
    final class Collector: Sendable {
        let owner: String
        let leaseSeconds: TimeInterval
        private let rows = Mutex<[Handed]>([])

        init(owner: String, leaseSeconds: TimeInterval) {
            self.owner = owner
            self.leaseSeconds = leaseSeconds
        }

        func add(_ row: WebhookOutboxRow, leaseExpiresAt: Date, event: WebhookEvent? = nil, taskID: String? = nil) {
            let lane = WebhookAttempt.lane(url: row.url, taskID: taskID)
            add(Handed(row: row, leaseExpiresAt: leaseExpiresAt, event: event, lane: lane))
        }

        /// A row another collector took (a group commit member's, once its savepoint is released), lane and all.
        func add(_ handed: Handed) { rows.withLock { $0.append(handed) } }

        /// A transaction tried again forgets what its rolled-back attempt wrote.
        func reset() { rows.withLock { $0 = [] } }

        var collected: [Handed] { rows.withLock { $0 } }
    }

    /// Runs `body` with this handoff as the target of the transactions it commits.
    func binding<T: Sendable>(_ body: () async throws -> T) async rethrows -> T {
        try await Self.$target.withValue(self, operation: body)
    }

    /// Runs a transaction (`body`) with a collector when a target is bound and has a dispatcher,
    /// and hands what it collected over once `body` returned, that is, committed; `body` is given
    /// the collector to reset before each attempt. A transaction inside one already collecting
    /// adds to the outer one's rows (and gets no collector of its own).
    static func afterCommit<T: Sendable>(_ body: (Collector?) async throws -> T) async throws -> T {
        guard collector == nil, let target, let collector = target.collector() else { return try await body(nil) }
        let value = try await $collector.withValue(collector) { try await body(collector) }
        target.hand(collector.collected, owner: collector.owner)
        return value
    }

    /// The dispatcher that takes the rows, woken by `wakeUp` when some are handed over; rows are
    /// leased to it for `leaseSeconds` from their insert.
    func attach(owner: String, leaseSeconds: TimeInterval, wakeUp: WakeUp) {
        state.withLock { $0 = State(owner: owner, leaseSeconds: leaseSeconds, wakeUp: wakeUp) }
    }

    /// The dispatcher stopped: rows are written unleased again, and those waiting go to their leases.
    func detach(owner: String) {
        state.withLock { state in
            guard state.owner == owner else { return }
            state = State()
        }
    }

    /// The dispatcher made the attempt of a row (claimed or handed over): a lane waiting for it to
    /// go through the claim can be handed over again.
    func attempted(_ rowID: String) {
        state.withLock { state in if !state.spilled.isEmpty { state.spilled.attempted(rowID) } }
    }

    /// Extends the leases of the rows waiting to be taken to `now + seconds`, as the dispatcher keeps
    /// those of the rows it took: a backlog waits in memory, not in the outbox until its leases run
    /// out (a row waiting longer than its lease left for an attempt went to its lease, and was sent
    /// 35 s later or more). A row the database no longer has leased to this dispatcher is dropped at
    /// the next `take`: another process's claim has it.
    func renewWaiting(workerID: String, now: Date, seconds: TimeInterval, on database: any Database) async throws {
        let ids = state.withLock { $0.owner == workerID ? $0.queue.ids : [] }
        guard !ids.isEmpty else { return }
        let until = now.addingTimeInterval(seconds)
        let kept = try await WebhookLeases.extend(ids, to: until, workerID: workerID, on: database)
        let asked = Set(ids)
        state.withLock { state in
            state.queue.setLeases { id in asked.contains(id) ? (kept.contains(id) ? until : .distantPast) : nil }
        }
    }

    /// Whether a dispatcher takes the rows.
    var isAttached: Bool { state.withLock { $0.owner != nil } }

    private func collector() -> Collector? {
        state.withLock { state in state.owner.map { Collector(owner: $0, leaseSeconds: state.leaseSeconds) } }
    }

    private func hand(_ rows: [Handed], owner: String) {
        guard !rows.isEmpty else { return }
        let committedAt = Date()
        let wakeUp = state.withLock { state -> WakeUp? in
            guard state.owner == owner else { return nil }
            for var handed in rows {
                handed.committedAt = committedAt
                state.queue.append(handed)
            }
            return state.wakeUp
        }
        wakeUp?.signal()
    }

    /// Up to `limit` waiting rows in the order they were written, each URL's within its
    /// `allowance`; a URL that has reached its allowance keeps the rest of its rows waiting, in
    /// order (`HandoffQueue`). Rows whose lease ends before `leasedUntil` (now and the time to the
    /// next renewal) are dropped: their lease was lost or could not be renewed, and a claim takes
    /// them from the database once it has run out. So are the later rows of their lanes (a task's
    /// events to one URL), until this process has made the dropped rows' attempts (`attempted`):
    /// the claim then sends the lane's events in the order they happened.
    func take(limit: Int, leasedUntil: Date, allowance: (String) -> Int) -> [Handed] {
        guard limit > 0 else { return [] }
        return state.withLock { state in
            if !state.spilled.isEmpty {
                state.spilled.forget(leasesEndedBefore: leasedUntil.addingTimeInterval(-Self.spilledLaneMemory))
            }
            // Moved out while it is taken from, so that it is not copied, and `drop` may mark lanes.
            var queue = state.queue
            state.queue = HandoffQueue()
            defer { state.queue = queue }
            return queue.take(limit: limit, allowance: allowance) { handed in
                let lane = handed.lane
                let spilled = !state.spilled.isEmpty && lane.map({ state.spilled.contains($0) }) == true
                guard handed.leaseExpiresAt <= leasedUntil || spilled else { return false }
                if let lane { state.spilled.spill(handed, lane: lane) }
                return true
            }
        }
    }
}
