import Foundation
import Synchronization

/// When this process last wrote each account's `last_claimed_at` from a create (`TaskAdmission`),
/// so that a create skips the write, a statement and a round trip, while the row is known to be
/// less than a second old: the statement would change nothing then (it writes at most once a
/// second). At 100 accounts it was one statement in six of every task (session 13 count).
final class ServedAccounts: Sendable {
    private let written = Mutex<[String: Date]>([:])
    /// Accounts remembered at most; past it the memory starts again (a write too many, not a miss).
    let capacity: Int

    init(capacity: Int = 10_000) { self.capacity = capacity }

    /// Whether the account's row may be a second old or more at `now`; if so, counts it as written.
    func due(_ accountID: String, now: Date) -> Bool {
        written.withLock { written in
            if let last = written[accountID], now >= last, now.timeIntervalSince(last) < 1 { return false }
            if written.count >= capacity { written.removeAll(keepingCapacity: true) }
            written[accountID] = now
            return true
        }
    }
}
