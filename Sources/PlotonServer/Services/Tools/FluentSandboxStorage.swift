import Fluent
import Foundation
import PlotonCore

/// Sandbox records in the database, scoped to one account environment, end user and tool.
struct FluentSandboxStorage: SandboxStorage {
    let database: any Database
    let accountID: String
    let environment: String
    let userKey: String
    let tool: String

    static let seedMarker = "_seeded"

    func all(_ collection: String) async throws -> [JSONValue] {
        try await scoped().filter(\.$collection == collection).sort(\.$position).all().compactMap { JSONValue.parse($0.dataJSON) }
    }

    func put(_ collection: String, id: String, _ record: JSONValue) async throws {
        try await database.writeTransaction { [self] database in
            let existing = try await scoped(on: database).filter(\.$collection == collection).filter(\.$recordID == id).first()
            let row = existing ?? SandboxRecord()
            if existing == nil {
                let last = try await scoped(on: database).filter(\.$collection == collection).max(\.$position) ?? 0
                fill(row, collection: collection, id: id, position: last + 1)
            }
            row.dataJSON = record.jsonText
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
                marker.dataJSON = "{}"
                try await marker.create(on: database)
                for (position, row) in rows.enumerated() {
                    let record = SandboxRecord()
                    fill(record, collection: row.collection, id: row.id, position: position + 1)
                    record.dataJSON = row.record.jsonText
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

    private func scoped(on database: (any Database)? = nil) -> QueryBuilder<SandboxRecord> {
        SandboxRecord.query(on: database ?? self.database)
            .filter(\.$account.$id == accountID).filter(\.$environment == environment)
            .filter(\.$userKey == userKey).filter(\.$tool == tool)
    }
}
