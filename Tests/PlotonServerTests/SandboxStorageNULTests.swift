import PlotonCore
import PlotonTestSupport
import Testing

@testable import PlotonServer

/// A sandbox record holding U+0000 (a value taken from a custom tool's output, say) is refused as the
/// step's `invalid_input` on both databases, not left to fail the commit on PostgreSQL's `jsonb`.
@Suite struct SandboxStorageNULTests {
    @Test func a_record_holding_nul_is_refused_and_nothing_is_written() async throws {
        try await withPloton { t in
            let storage = FluentSandboxStorage(database: t.db, accountID: t.accountID, environment: .test, userKey: "u1", tool: "storage")
            await #expect(throws: ToolFailure(code: .invalidInput, message: "The sandbox cannot store content: it contains NUL (U+0000)."))
            {
                try await storage.put("files", id: "f1", .object(["name": .string("a.txt"), "content": .string("a\u{0}b")]))
            }
            #expect(!storage.hasPendingWrites)
            try await storage.put("files", id: "f1", .object(["name": .string("a.txt"), "content": .string("ab")]))
            try await storage.commitWrites(on: t.db)
            #expect(try await storage.all("files") == [.object(["name": .string("a.txt"), "content": .string("ab")])])
        }
    }
}
