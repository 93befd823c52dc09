import Fluent
import Foundation
import PlotonCore
import SQLKit

/// The durable queue is the `tasks` table. A worker claims tasks by taking leases on them; it
/// renews a lease while its task runs, and a task whose lease ran out (its worker died) is
/// claimable again. Claims are serialised (an advisory lock on PostgreSQL, the write lock on
/// SQLite) so the per-account concurrency limit holds across processes; `SKIP LOCKED` keeps
/// claims from queueing behind rows another transaction holds.
///
/// One claim takes up to `limit` tasks (a worker asks for its free slots), in a fixed number of
/// round trips however many it takes: lock, accounts, the accounts' oldest tasks, row locks
/// (PostgreSQL), rows, and one update each for the tasks and the accounts.
///
/// Fairness: the claim looks at each account's oldest claimable tasks only (by index), and serves
/// accounts by fewest running tasks, then round-robin (the account served longest ago first),
/// one task per account per round (`ClaimShares`); so one account's backlog neither fills the
/// batch another account's task needs nor goes first because it is older.
struct TaskQueue {
    let database: any Database
    let settings: TaskSettings

    private static let claimLock = 727_001
    /// With the account id's hash: held while an account's running tasks are counted and added to,
    /// by a claim for each account it serves and by a create that claims its own task. Each
    /// advisory lock has a number of its own (727_002 is the webhook claim's, 727_003 the memory fold's).
    static let accountLock = 727_004

    /// One task (tests and `runOnce`); see `claim(workerID:now:limit:busy:)`.
    func claim(workerID: String, now: Date, busy: Bool = false) async throws -> AgentTask? {
        try await claim(workerID: workerID, now: now, limit: 1, busy: busy).first
    }

    /// `busy`: the caller has other tasks in flight. A task whose worker was lost runs only on a
    /// worker with nothing else in flight (so a poison task cannot take other tasks down with it,
    /// nor count its crashes against them): it is claimed alone, and while one waits a busy caller
    /// gets nothing and drains first.
    func claim(workerID: String, now: Date, limit: Int, busy: Bool = false) async throws -> [AgentTask] {
        try await database.writeTransaction { database in
            guard let sql = database as? any SQLDatabase, limit > 0 else { return [] }
            let isPostgres = sql.dialect.name == "postgresql"
            if isPostgres { try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.claimLock))").run() }

            var heads = try await accountHeads(sql, now: now)
            var shares = ClaimShares.split(free: heads.map { settings.accountConcurrency - $0.running }, limit: limit)
            if isPostgres {
                heads = try await lockAccounts(sql, heads: heads, shares: shares, now: now)
                shares = ClaimShares.split(free: heads.map { max(0, settings.accountConcurrency - $0.running) }, limit: limit)
            }
            var ids = try await candidates(sql, heads: heads, shares: shares)
            guard !ids.isEmpty else { return [] }
            if isPostgres {
                // Still claimable once locked: a run may have finished a lost task since the heads were read.
                ids = try await sql.raw(
                    """
                    SELECT id FROM tasks WHERE id IN (\(binds: ids)) AND (status = 'pending' OR (status = 'running'
                      AND (lease_expires_at IS NULL OR lease_expires_at < \(bind: now)))) FOR UPDATE SKIP LOCKED
                    """
                ).all(decoding: Row.self).map(\.id)
                guard !ids.isEmpty else { return [] }
            }
            let turn = Dictionary(uniqueKeysWithValues: heads.enumerated().map { ($0.element.account_id, $0.offset) })
            var chosen = try await AgentTask.query(on: database).filter(\.$id ~~ ids).all()
                .sorted { (turn[$0.$account.id] ?? 0, $0.createdAt) < (turn[$1.$account.id] ?? 0, $1.createdAt) }
            if let alone = chosen.first(where: { settings.runsAlone(lostClaims: lostClaims(claiming: $0)) }) {
                guard !busy else { return [] }
                chosen = [alone]
            }
            guard !chosen.isEmpty else { return [] }

            let leaseExpiresAt = now.addingTimeInterval(settings.leaseSeconds)
            // SET expressions read the row as it was: `lease_owner` is still the previous owner's.
            try await sql.raw(
                """
                UPDATE tasks SET status = \(bind: TaskStatus.running.rawValue), lease_owner = \(bind: workerID),
                  lease_expires_at = \(bind: leaseExpiresAt), claims = claims + 1, updated_at = \(bind: now),
                  lost_claims = lost_claims + CASE WHEN lease_owner IS NULL THEN 0 ELSE 1 END
                WHERE id IN (\(binds: chosen.compactMap(\.id)))
                """
            ).run()
            for task in chosen {
                task.lostClaims = lostClaims(claiming: task)
                task.status = TaskStatus.running
                task.leaseOwner = workerID
                task.leaseExpiresAt = leaseExpiresAt
                task.claims += 1
                task.updatedAt = now
            }
            try await sql.update(Account.schema).set("last_claimed_at", to: now)
                .where("id", .in, Array(Set(chosen.map { $0.$account.id }))).run()
            return chosen
        }
    }

    /// Each account with claimable work and free slots, in turn order, with its running count and
    /// its oldest pending and lost (lease run out) task.
    private func accountHeads(_ sql: any SQLDatabase, now: Date) async throws -> [AccountHead] {
        try await sql.raw(
            """
            SELECT account_id, running, pending_id, reclaim_id FROM (
              SELECT a.id AS account_id, a.last_claimed_at,
                (SELECT COUNT(*) FROM tasks r WHERE r.account_id = a.id AND r.status = 'running'
                  AND r.lease_expires_at >= \(bind: now)) AS running,
                (SELECT p.id FROM tasks p WHERE p.account_id = a.id AND p.status = 'pending'
                  ORDER BY p.created_at LIMIT 1) AS pending_id,
                (SELECT x.id FROM tasks x WHERE x.account_id = a.id AND x.status = 'running'
                  AND (x.lease_expires_at IS NULL OR x.lease_expires_at < \(bind: now)) ORDER BY x.created_at LIMIT 1) AS reclaim_id
              FROM accounts a
            ) heads
            WHERE running < \(bind: settings.accountConcurrency) AND (pending_id IS NOT NULL OR reclaim_id IS NOT NULL)
            ORDER BY running, last_claimed_at IS NOT NULL, last_claimed_at
            """
        ).all(decoding: AccountHead.self)
    }

    /// Takes the account lock of each account with a share, then counts its running tasks again:
    /// a create may have claimed its own task since the heads were read. Accounts without a share
    /// keep none (counted as full).
    private func lockAccounts(_ sql: any SQLDatabase, heads: [AccountHead], shares: [Int], now: Date) async throws -> [AccountHead] {
        let served = zip(heads, shares).filter { $0.1 > 0 }.map(\.0.account_id)
        guard !served.isEmpty else { return heads }
        try await sql.raw(
            """
            SELECT pg_advisory_xact_lock(\(literal: Self.accountLock), hashtext(id)) FROM accounts
            WHERE id IN (\(binds: served))
            """
        ).run()
        let counted = try await sql.raw(
            """
            SELECT account_id, COUNT(*) AS running FROM tasks WHERE account_id IN (\(binds: served))
              AND status = 'running' AND lease_expires_at >= \(bind: now) GROUP BY account_id
            """
        ).all(decoding: RunningCount.self)
        let running = Dictionary(counted.map { ($0.account_id, $0.running) }, uniquingKeysWith: max)
        let lockedAccounts = Set(served)
        return heads.map { head in
            var head = head
            head.running = lockedAccounts.contains(head.account_id) ? running[head.account_id] ?? 0 : settings.accountConcurrency
            return head
        }
    }

    /// The tasks each account's share takes: its lost task first, then its oldest pending ones. An
    /// account with a share of more than its head reads its oldest pending tasks by index, all
    /// such accounts in one query.
    private func candidates(_ sql: any SQLDatabase, heads: [AccountHead], shares: [Int]) async throws -> [String] {
        var ids: [String] = []
        var deeper: [(account: String, count: Int)] = []
        for (head, share) in zip(heads, shares) where share > 0 {
            var left = share
            if let reclaim = head.reclaim_id {
                ids.append(reclaim)
                left -= 1
            }
            guard left > 0, let pending = head.pending_id else { continue }
            if left == 1 { ids.append(pending) } else { deeper.append((head.account_id, left)) }
        }
        guard !deeper.isEmpty else { return ids }
        let selects = deeper.enumerated().map { index, account -> SQLQueryString in
            """
            SELECT id FROM (SELECT id FROM tasks WHERE account_id = \(bind: account.account) AND status = 'pending'
              ORDER BY created_at LIMIT \(literal: account.count)) AS p\(literal: index)
            """
        }
        return ids + (try await sql.raw(selects.joined(separator: " UNION ALL ")).all(decoding: Row.self).map(\.id))
    }

    /// A claimable task that still names a lease owner lost its worker (a released or resumed task
    /// names none): claiming it counts one more lost claim.
    private func lostClaims(claiming task: AgentTask) -> Int {
        task.lostClaims + (task.leaseOwner == nil ? 0 : 1)
    }

    /// Extends the lease; `false` when it no longer holds (the task finished, was cancelled, or
    /// the lease was lost and the task claimed again).
    func renew(_ lease: TaskLease, now: Date) async throws -> Bool {
        guard try await held(lease).count() > 0 else { return false }
        try await held(lease).set(\.$leaseExpiresAt, to: now.addingTimeInterval(settings.leaseSeconds)).update()
        return true
    }

    /// Gives up a lease at once (graceful shutdown), so another worker can resume the task now;
    /// without an owner it is not a lost claim.
    func release(_ lease: TaskLease) async throws {
        try await held(lease).set(\.$leaseOwner, to: nil).set(\.$leaseExpiresAt, to: nil).update()
    }

    /// Ends a lease at once but keeps its owner (a claim that overran): the next claim counts it as lost.
    func abandon(_ lease: TaskLease, now: Date) async throws {
        try await held(lease).set(\.$leaseExpiresAt, to: now).update()
    }

    private func held(_ lease: TaskLease) -> QueryBuilder<AgentTask> {
        AgentTask.query(on: database)
            .filter(\.$id == lease.taskID).filter(\.$leaseOwner == lease.owner).filter(\.$claims == lease.claim)
            .filter(\.$status == TaskStatus.running)
    }

    private struct AccountHead: Decodable {
        var account_id: String
        var running: Int
        var pending_id: String?
        var reclaim_id: String?
    }

    private struct Row: Decodable {
        var id: String
    }

    private struct RunningCount: Decodable {
        var account_id: String
        var running: Int
    }
}

extension TaskSettings {
    /// A task that has lost a worker runs with nothing else beside it on its worker from then on.
    func runsAlone(lostClaims: Int) -> Bool { lostClaims > 0 && !isPoisoned(lostClaims: lostClaims) }

    /// A task that has lost `maxCrashes` workers fails with `worker_crashed` instead of running again.
    func isPoisoned(lostClaims: Int) -> Bool { lostClaims >= maxCrashes }
}
