import Fluent
import PlotonTestSupport
import SQLKit
import Testing

@testable import PlotonServer

/// Ids made to sort in creation order keep that order on a database whose collation is a language's
/// (the test cluster's is en-US, which puts `a` before `Z`): lists come out byte by byte.
@Suite struct SortableIDOrderTests {
    @Test func events_are_listed_newest_first_by_their_ids_bytes() async throws {
        try await withPloton { t in
            // 'Z' (0x5A) sorts before 'a' (0x61) byte by byte; a language collation has them the other way round.
            let older = "evt_000000000Z00000000000000", newer = "evt_000000000a00000000000000"
            for id in [older, newer] {
                let event = TaskEvent(
                    kind: .connectionCreated, accountID: t.accountID, environment: .test, task: nil, data: .object([:]), now: t.clock.now)
                event.id = id
                try await event.create(on: t.db)
            }
            let listed = try await t.send(.GET, "v1/events", key: t.testKey).object
            #expect((listed["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [newer, older])
        }
    }

    @Test(.enabled(if: TestDatabase.isPostgres))
    func every_sortable_id_column_compares_bytes() async throws {
        try await withPloton { t in
            let sql = try #require(t.db as? any SQLDatabase)
            for (table, column) in UpdateSortableIDsToByteOrder.columns {
                let row = try await sql.raw(
                    "SELECT collation_name FROM information_schema.columns WHERE table_name = \(bind: table) AND column_name = \(bind: column)"
                ).first(decoding: Collation.self)
                #expect(row?.collation_name == "C", "\(table).\(column)")
            }
        }
    }
}

private struct Collation: Decodable { var collation_name: String? }
