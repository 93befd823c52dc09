import Fluent
import Foundation
import SQLKit
import Synchronization

/// The outbox rows a dispatcher holds and has not made its attempt of yet (waiting in a task's
/// lane, or in flight), with until when each one's lease holds. `renew` extends them all, a third
/// of a lease before they could run out, so a lease does not end while its attempt waits behind a
/// slow receiver or is in flight: no other process (nor this one's next claim) makes the same
/// attempt meanwhile, which would also exceed the URL's cap. A row whose lease could not be kept
/// (the database was out of reach that long) is not sent: it is another claim's by then.
final class WebhookLeases: Sendable {
    private let held = Mutex<[String: Date]>([:])

    func hold(_ rows: [(id: String, until: Date)]) {
        held.withLock { held in for row in rows { held[row.id] = row.until } }
    }

    /// The attempt was made (or dropped): its lease is the outcome recorder's business now.
    func release(_ id: String) { _ = held.withLock { $0.removeValue(forKey: id) } }

    /// Whether the row's lease still holds at `now`, so its attempt may be made.
    func holds(_ id: String, at now: Date) -> Bool { held.withLock { ($0[id] ?? .distantPast) > now } }

    var count: Int { held.withLock { $0.count } }

    /// Extends every held row's lease to `now + seconds`; a row the database no longer has leased to
    /// `workerID` is marked lost.
    func renew(workerID: String, now: Date, seconds: TimeInterval, on database: any Database) async throws {
        let ids = held.withLock { Array($0.keys) }
        let until = now.addingTimeInterval(seconds)
        let kept = try await Self.extend(ids, to: until, workerID: workerID, on: database)
        held.withLock { held in
            for id in ids where held[id] != nil { held[id] = kept.contains(id) ? until : .distantPast }
        }
    }

    /// Extends the leases of the rows `ids` that the database still has leased to `workerID`, in one
    /// statement per thousand rows; returns their ids.
    static func extend(_ ids: [String], to until: Date, workerID: String, on database: any Database) async throws -> Set<String> {
        guard !ids.isEmpty, let sql = database as? any SQLDatabase else { return [] }
        // Rows another transaction has locked are being recorded (or claimed, their lease gone): not ours to keep.
        let locking: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        var kept: Set<String> = []
        for start in stride(from: 0, to: ids.count, by: 1000) {
            let chunk = ids[start..<min(start + 1000, ids.count)]
            let rows = try await sql.raw(
                """
                WITH mine AS (
                  SELECT id AS mine_id FROM webhook_deliveries WHERE id IN (\(SQLList(chunk.map { SQLBind($0) })))
                    AND lease_owner = \(bind: workerID) AND status = \(bind: WebhookDelivery.Status.pending.rawValue)\(locking)
                )
                UPDATE webhook_deliveries SET lease_expires_at = \(bind: until) FROM mine WHERE webhook_deliveries.id = mine.mine_id
                RETURNING id
                """
            ).all(decoding: Row.self)
            kept.formUnion(rows.map(\.id))
        }
        return kept
    }

    private struct Row: Decodable {
        var id: String
    }
}
