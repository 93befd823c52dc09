import Fluent
import Foundation
import Logging
import PlotonCore
import Synchronization

/// Delivers due webhook attempts from the outbox, up to `concurrency` at once, each URL up to its
/// adaptive limit (`DestinationConcurrency`): a slow or failing receiver holds a few slots and
/// never holds up the others. A task's events to one URL go one after another, in the order they
/// happened; everything else in parallel. Outcomes are recorded in batches, one transaction for
/// all the attempts that finished meanwhile. Tests call `runOnce()`; `serve` runs `run()` until
/// shutdown.
final class WebhookDispatcher: Sendable {
    let id: String
    private let database: any Database
    private let services: PlotonServices
    private let logger: Logger
    private let signing = WebhookSigningCache()
    private let limits: Mutex<DestinationConcurrency>
    private let lanes = Mutex(OrderedLanes<Claimed>())
    private let unrecorded = Mutex<[WebhookResult]>([])
    private let recorderWakeUp = WakeUp()
    /// Rows were handed over, or a slot came free for those waiting.
    private let handedWakeUp = WakeUp()
    /// Attempts of `run()` launched and not yet finished (`withSlots`).
    private let inFlight = Mutex(0)
    /// Claimed rows not yet recorded, and whether some were made or recorded since the last claim
    /// (their URLs' caps have room again, so a backlog is claimed at once rather than at the next poll).
    private let claimedRows = Mutex<(ids: Set<String>, recorded: Bool)>(([], false))
    /// Rows whose attempt was made and whose outcome is not recorded yet: a claim does not count them in flight.
    private let settled = Mutex<Set<String>>([])
    /// Rows taken and not tried yet, or in flight: their leases are kept (`keepLeases`).
    private let leases = WebhookLeases()

    /// An attempt and its place in its destination's limit.
    private struct Claimed: Sendable {
        let attempt: WebhookAttempt
        let ticket: DestinationConcurrency.Ticket
    }

    init(database: any Database, services: PlotonServices, logger: Logger, id: String = "whd_" + Base62.random(count: 16)) {
        self.id = id
        self.database = database
        self.services = services
        self.logger = logger
        let settings = services.config.webhooks
        limits = Mutex(DestinationConcurrency(initial: settings.perDestination, maximum: settings.maxPerDestination))
    }

    private var settings: WebhookSettings { services.config.webhooks }

    /// How many attempts this process lets be in flight to `url` now (its adaptive limit).
    func destinationLimit(_ url: String) -> Int { limits.withLock { $0.limit(url) } }
    private var deliverer: WebhookDeliverer { WebhookDeliverer(services: services) }

    /// Delivers everything due now, batch by batch, until nothing is due; returns how many attempts were made.
    @discardableResult
    func runOnce() async throws -> Int {
        var count = 0
        while true {
            let batch = try await claim(limit: settings.concurrency)
            guard !batch.isEmpty else { return count }
            let results = Mutex<[WebhookResult]>([])
            await withDiscardingTaskGroup { group in
                launch(batch, in: &group) { _, result in if let result { results.withLock { $0.append(result) } } }
            }
            try await record(results.withLock { $0 })
            count += batch.count
        }
    }

    /// Until cancelled: sends the rows this process's task runs hand over as they commit
    /// (`WebhookHandoff`), and claims from the outbox what is due otherwise (other processes'
    /// rows, retries, leases that ran out). The two go on side by side, so a handed row never
    /// waits for a claim's transaction (on SQLite, queued behind the engine's writes). Claims run
    /// again at once while they find rows or claimed rows were recorded, else at most every
    /// 100 ms when woken, and at least every poll interval.
    func run() async {
        let handoff = services.webhookHandoff
        handoff.attach(owner: id, leaseSeconds: settings.leaseSeconds, wakeUp: handedWakeUp)
        defer { handoff.detach(owner: id) }
        await withDiscardingTaskGroup { group in
            group.addTask { await self.recordContinuously() }
            group.addTask { await self.sendHandedOver() }
            group.addTask { await self.keepLeases() }
            await claimContinuously()
            group.cancelAll()
        }
    }

    private func sendHandedOver() async {
        var backoff = FailureBackoff(what: "preparing webhook deliveries", logger: logger)
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                var wait = settings.pollInterval
                do {
                    launch(try await withSlots { try await handedOver(limit: $0) }, in: &group, finished: finished)
                    backoff.succeeded()
                } catch {
                    wait = backoff.failed(error)
                }
                await handedWakeUp.wait(upTo: wait)
            }
        }
    }

    private func claimContinuously() async {
        var backoff = FailureBackoff(what: "claiming webhook deliveries", logger: logger)
        var (lastClaim, claimsFindRows) = (ContinuousClock.now - .seconds(3600), true)
        let spacing = Duration.milliseconds(Int64(min(settings.pollInterval, 0.1) * 1000))
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                var wait = settings.pollInterval
                do {
                    let recorded = claimedRows.withLock { state in
                        defer { state.recorded = false }
                        return state.recorded
                    }
                    if claimsFindRows || recorded || ContinuousClock.now - lastClaim >= spacing {
                        lastClaim = ContinuousClock.now
                        let batch = try await withSlots { try await claim(limit: $0) }
                        claimsFindRows = !batch.isEmpty
                        launch(batch, in: &group, finished: finished)
                    }
                    backoff.succeeded()
                } catch {
                    wait = backoff.failed(error)
                }
                await services.webhookWakeUp.wait(upTo: wait)
            }
        }
    }

    /// The attempts `body` returns for the slots (of `concurrency`) free when it starts; they take
    /// their slots when it returns, so that a claim waiting for the database holds none of them
    /// meanwhile (handed rows would wait too). Both loops may then briefly exceed `concurrency`.
    private func withSlots(_ body: (Int) async throws -> [Claimed]) async throws -> [Claimed] {
        let batch = try await body(max(0, settings.concurrency - inFlight.withLock { $0 }))
        inFlight.withLock { $0 += batch.count }
        return batch
    }

    /// An attempt of `run()` finished (or, `result` nil, was not made: its lease was lost): its
    /// outcome is recorded, and its slot (and its URL's) are free again.
    private func finished(_ row: WebhookOutboxRow, _ result: WebhookResult?) {
        guard let result else {
            claimedRows.withLock { _ = $0.ids.remove(row.id) }
            inFlight.withLock { $0 -= 1 }
            handedWakeUp.signal()
            return
        }
        services.webhookHandoff.attempted(row.id)
        settled.withLock { _ = $0.insert(result.delivery.id) }
        // A claimed row's URL has room again (a handed row's need not send a claim to the database).
        claimedRows.withLock { state in if state.ids.contains(result.delivery.id) { state.recorded = true } }
        unrecorded.withLock { $0.append(result) }
        recorderWakeUp.signal()
        inFlight.withLock { $0 -= 1 }
        handedWakeUp.signal()
        services.webhookWakeUp.signal()
    }

    /// Claims due attempts within each URL's allowance and prepares them.
    private func claim(limit: Int) async throws -> [Claimed] {
        let now = services.clock.now()
        let claimed = try await WebhookQueue(database: database, settings: settings)
            .claim(workerID: id, now: now, limit: limit, settled: settled.withLock { $0 }, allowances: limits.withLock { $0.allowances })
        let rows = claimed.map(\.row)
        claimedRows.withLock { $0.ids.formUnion(rows.map(\.id)) }
        do {
            let endpoints = claimed.compactMap { claim in claim.row.endpoint_id.flatMap { id in claim.endpointEnabled.map { (id, $0) } } }
            let prepared = try await prepare(
                rows, known: claimed.compactMap(\.event), enabled: Dictionary(endpoints, uniquingKeysWith: { first, _ in first }), now: now)
            leases.hold(rows.map { ($0.id, now.addingTimeInterval(settings.leaseSeconds)) })
            return prepared
        } catch {
            claimedRows.withLock { $0.ids.subtract(rows.map(\.id)) }  // left to their leases
            throw error
        }
    }

    /// Takes rows handed over in memory within each URL's allowance and prepares them.
    private func handedOver(limit: Int) async throws -> [Claimed] {
        let now = services.clock.now()
        // A row taken is held and renewed from now on; one with less left than the time to the next renewal is not taken.
        let handed = services.webhookHandoff.take(limit: limit, leasedUntil: now.addingTimeInterval(renewalInterval + 1)) { [self] url in
            limits.withLock { $0.allowance(url) }
        }
        let committed = Dictionary(handed.compactMap { h in h.committedAt.map { (h.row.id, $0) } }, uniquingKeysWith: { first, _ in first })
        // The transaction that wrote a row with its event wrote it for an enabled endpoint.
        let written = handed.filter { $0.event != nil }.compactMap { $0.row.endpoint_id.map { ($0, true) } }
        let prepared = try await prepare(
            handed.map(\.row), known: handed.compactMap(\.event), enabled: Dictionary(written, uniquingKeysWith: { first, _ in first }),
            committed: committed, now: now)
        leases.hold(handed.map { ($0.row.id, $0.leaseExpiresAt) })
        return prepared
    }

    private func prepare(
        _ rows: [WebhookOutboxRow], known: [WebhookEvent], enabled: [String: Bool], committed: [String: Date] = [:], now: Date
    ) async throws -> [Claimed] {
        guard !rows.isEmpty else { return [] }
        let tickets = limits.withLock { limits in rows.map { limits.started($0.url) } }
        do {
            let attempts = try await WebhookBatch(database: database, signing: signing, secretBox: services.secretBox, now: now)
                .prepare(rows, known: known, enabled: enabled, committed: committed)
            return zip(attempts, tickets).map { Claimed(attempt: $0, ticket: $1) }
        } catch {
            limits.withLock { limits in tickets.forEach { limits.finished($0, healthy: true) } }
            throw error
        }
    }

    /// Starts each lane's first attempt; the rest of a lane follow it in the same child task. An
    /// attempt whose lease was lost while it waited is not made (`finished` gets no result).
    private func launch(
        _ batch: [Claimed], in group: inout DiscardingTaskGroup,
        finished: @escaping @Sendable (WebhookOutboxRow, WebhookResult?) -> Void
    ) {
        let startNow = lanes.withLock { $0.enqueue(batch.map { ($0.attempt.lane, $0) }) }
        for (lane, first) in startNow {
            group.addTask { [self] in
                var next: Claimed? = first
                while let claimed = next {
                    let row = claimed.attempt.delivery
                    let result = leases.holds(row.id, at: services.clock.now()) ? await deliverer.send(claimed.attempt) : nil
                    leases.release(row.id)
                    if result == nil {
                        logger.warning(
                            "webhook attempt not made: its lease ran out before its turn", metadata: ["delivery_id": "\(row.id)"])
                    }
                    // One not sent says nothing about the receiver.
                    let healthy = result.map { $0.outcome.healthy || $0.durationMs == nil } ?? true
                    limits.withLock { $0.finished(claimed.ticket, healthy: healthy) }
                    finished(row, result)
                    next = lane.flatMap { lane in lanes.withLock { $0.next(after: lane) } }
                }
            }
        }
    }

    /// How often the leases of rows held or waiting are renewed: a third of a lease.
    private var renewalInterval: TimeInterval { max(0.05, settings.leaseSeconds / 3) }

    /// Until cancelled: extends the leases of the rows taken and not tried yet or in flight, and of
    /// those handed over and waiting to be taken, every third of a lease, so none runs out while its
    /// attempt waits in its lane or for a slot, or is made.
    private func keepLeases() async {
        var backoff = FailureBackoff(what: "keeping webhook leases", logger: logger)
        let every = renewalInterval
        while !Task.isCancelled {
            var wait = every
            do {
                let now = services.clock.now()
                try await leases.renew(workerID: id, now: now, seconds: settings.leaseSeconds, on: database)
                try await services.webhookHandoff.renewWaiting(workerID: id, now: now, seconds: settings.leaseSeconds, on: database)
                backoff.succeeded()
            } catch {
                wait = min(every, backoff.failed(error))
            }
            try? await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
        }
    }

    /// The shortest time between two batches of outcomes: at most 50 write transactions a second
    /// for them, however fast attempts finish. Each batch costs its transaction's five statements
    /// whatever its size; a receiver hears no later for it (the next attempt in a task's lane
    /// starts when this one is answered, not recorded), and an outcome waiting for its batch holds
    /// no slot. A `kill -9` repeats at most this much more of the attempts made (at least once).
    static let recordSpacing = Duration.milliseconds(20)

    private func record(_ results: [WebhookResult]) async throws {
        try await WebhookOutcomes.record(
            results, workerID: id, now: services.clock.now(), schedule: settings.schedule, on: database)
    }

    /// Records whatever attempts finished since the last batch, until cancelled, at most one batch
    /// per `recordSpacing`: each batch is a write transaction, and on SQLite one writer serves the
    /// task runs too. A batch that fails to record is left to its leases: those attempts are made
    /// again (at least once). Outcomes waiting for their batch hold no slot (`settled`).
    private func recordContinuously() async {
        var lastBatch = ContinuousClock.now - Self.recordSpacing
        while true {
            let sinceLast = ContinuousClock.now - lastBatch
            if sinceLast < Self.recordSpacing, !Task.isCancelled { try? await Task.sleep(for: Self.recordSpacing - sinceLast) }
            lastBatch = ContinuousClock.now
            let results = unrecorded.withLock { results in
                defer { results = [] }
                return results
            }
            if !results.isEmpty {
                do {
                    try await record(results)
                } catch {
                    logger.error(
                        "webhook attempts failed to record; they are made again after their lease",
                        metadata: ["attempts": "\(results.count)", "error": "\(LoggedError.description(error))"])
                }
                // Recorded rows no longer count against their URL's cap: claim again now, not at the next poll.
                settled.withLock { $0.subtract(results.map(\.delivery.id)) }
                claimedRows.withLock { state in
                    let before = state.ids.count
                    state.ids.subtract(results.map(\.delivery.id))
                    if state.ids.count < before { state.recorded = true }
                }
                services.webhookWakeUp.signal()
            }
            if Task.isCancelled, unrecorded.withLock({ $0.isEmpty }) { return }
            await recorderWakeUp.wait(upTo: 1)
        }
    }
}
