import Fluent
import Foundation
import PlotonCore
import Synchronization

/// Sandbox records in the database, scoped to one account environment, end user and tool.
///
/// A step's writes are held here until `commitWrites(on:)`, which the step runner calls in the
/// transaction that records the step's outcome: the effect and the step's `complete` commit
/// together, so a run cut off between them (kill -9, a lost connection) neither repeats the
/// effect when the step runs again nor keeps it without the step.
struct FluentSandboxStorage: SandboxStorage {
    let database: any Database
    let accountID: String
    let environment: PlotonEnvironment
    let userKey: String
    let tool: String
    private let pending = PendingWrites()

    init(database: any Database, accountID: String, environment: PlotonEnvironment, userKey: String, tool: String) {
        (self.database, self.accountID, self.environment, self.userKey, self.tool) = (database, accountID, environment, userKey, tool)
    }

    static let seedMarker = "_seeded"

    func all(_ collection: String) async throws -> [JSONValue] {
        var records = try await scoped().filter(\.$collection == collection).sort(\.$position).all()
            .map { ($0.recordID, $0.data.value) }
        for write in pending.writes.withLock({ $0 }) where write.collection == collection {
            if let at = records.firstIndex(where: { $0.0 == write.id }) {
                records[at].1 = write.record
            } else {
                records.append((write.id, write.record))
            }
        }
        return records.map(\.1)
    }

    /// Refuses a record holding U+0000 (which PostgreSQL's `jsonb` cannot store, so its commit would
    /// fail on every run), on both databases alike; a value from a custom tool's output can carry one.
    func put(_ collection: String, id: String, _ record: JSONValue) async throws {
        if let field = record.pathHoldingNUL() {
            throw ToolFailure(
                code: .invalidInput, message: "The sandbox cannot store \(field.isEmpty ? "the value" : field): it contains NUL (U+0000).")
        }
        pending.writes.withLock { $0.append((collection, id, record)) }
    }

    var hasPendingWrites: Bool { pending.writes.withLock { !$0.isEmpty } }

    /// Forgets the writes of an attempt that did not complete.
    func discardWrites() { pending.writes.withLock { $0.removeAll() } }

    /// Writes what the step put, inside the caller's transaction.
    func commitWrites(on database: any Database) async throws {
        let writes = pending.writes.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        for (collection, id, record) in writes {
            let existing = try await scoped(on: database).filter(\.$collection == collection).filter(\.$recordID == id).first()
            let row = existing ?? SandboxRecord()
            if existing == nil {
                let last = try await scoped(on: database).filter(\.$collection == collection).max(\.$position) ?? 0
                fill(row, collection: collection, id: id, position: last + 1)
            }
            row.data = StoredJSON(record)
            try await row.save(on: database)
        }
    }

    func seedOnce(_ seed: @Sendable () -> [(collection: String, id: String, record: JSONValue)]) async throws {
        guard try await scoped().filter(\.$collection == Self.seedMarker).count() == 0 else { return }
        let rows = seed()
        do {
            try await database.writeTransaction { [self] database in
                let marker = SandboxRecord()
                fill(marker, collection: Self.seedMarker, id: Self.seedMarker, position: 0)
                marker.data = StoredJSON(.object([:]))
                try await marker.create(on: database)
                for (position, row) in rows.enumerated() {
                    let record = SandboxRecord()
                    fill(record, collection: row.collection, id: row.id, position: position + 1)
                    record.data = StoredJSON(row.record)
                    try await record.create(on: database)
                }
            }
        } catch {
            // Another task seeded the same sandbox at the same moment; its seed is the one.
            guard try await scoped().filter(\.$collection == Self.seedMarker).count() > 0 else { throw error }
        }
    }

    private func fill(_ row: SandboxRecord, collection: String, id: String, position: Int) {
        row.$account.id = accountID
        row.environment = environment
        row.userKey = userKey
        row.tool = tool
        row.collection = collection
        row.recordID = id
        row.position = position
    }

    private final class PendingWrites: Sendable {
        let writes = Mutex<[(collection: String, id: String, record: JSONValue)]>([])
    }

    private func scoped(on database: (any Database)? = nil) -> QueryBuilder<SandboxRecord> {
        SandboxRecord.query(on: database ?? self.database)
            .filter(\.$account.$id == accountID).filter(\.$environment == environment)
            .filter(\.$userKey == userKey).filter(\.$tool == tool)
    }
}
