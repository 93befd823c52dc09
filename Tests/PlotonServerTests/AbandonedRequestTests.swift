import Fluent
import Foundation
import PlotonTestSupport
import SQLKit
import Testing

@testable import PlotonServer

/// A request nobody waits for any more (its client hung up, or the idle timer, which is the
/// request deadline, closed its connection) does not keep its PostgreSQL statement running. The
/// list's statement is made to wait on a lock the test holds throughout: only ending it makes it
/// leave `pg_stat_activity`.
@Suite struct AbandonedRequestTests {
    @Test(.enabled(if: TestDatabase.isPostgres))
    func the_statement_of_a_request_whose_client_hangs_up_is_ended() async throws {
        try await withBlockedTaskList { t, port, waiting in
            let client = try RawConnection(port: port)
            try client.send(Self.listRequest(key: t.testKey))
            try await eventually("the list's statement waits for the lock") { try await waiting() == 1 }
            client.hangUp()
            // PostgreSQL checks every second that its client is there; the limit only tells a statement left running.
            try await eventually("the statement is ended", timeout: .seconds(60)) { try await waiting() == 0 }
        }
    }

    @Test(.enabled(if: TestDatabase.isPostgres))
    func the_statement_of_a_request_past_the_idle_deadline_is_ended() async throws {
        // 8 s: on a loaded two-core machine the request's first PostgreSQL connection can take seconds to
        // open, and a timer that fires before the statement waits tests nothing.
        try await withBlockedTaskList({ $0.httpIdleSeconds = 8 }) { t, port, waiting in
            let client = try RawConnection(port: port, timeoutSeconds: 90)
            try client.send(Self.listRequest(key: t.testKey))
            try await eventually("the list's statement waits for the lock") { try await waiting() == 1 }
            let reply = await client.awaitClose()
            #expect(reply.closed && reply.text.isEmpty, "the idle timer closes the connection unanswered: \(reply.text.prefix(200))")
            try await eventually("the statement is ended", timeout: .seconds(60)) { try await waiting() == 0 }
        }
    }

    /// Work asked for after the client left is refused at once, and nothing is left pending (a
    /// promise left uncompleted is a crash in debug builds: CI's PostgreSQL run died of one).
    @Test(.enabled(if: TestDatabase.isPostgres))
    func a_statement_asked_for_after_the_client_left_is_refused() async throws {
        try await withPloton { t in
            let watch = ClientConnectionWatch()
            watch.closed()
            let database = AbandonableDatabase(inner: t.db, watch: watch)
            await #expect(throws: RequestAbandoned.self) { try await database.raw("SELECT 1").run() }
            await #expect(throws: RequestAbandoned.self) { try await database.transaction { _ in } }
        }
    }

    static func listRequest(key: String) -> String {
        "GET /v1/tasks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(key)\r\n\r\n"
    }

    /// Serves on a port while a transaction holds `tasks` locked, with a count of this database's
    /// statements waiting for a lock; afterwards, the task list is served again.
    private func withBlockedTaskList(
        _ adjust: (inout PlotonConfig) -> Void = { _ in },
        _ body: @escaping @Sendable (TestApp, Int, @escaping @Sendable () async throws -> Int) async throws -> Void
    ) async throws {
        try await withPloton(adjust) { t in
            let port = try FreePort.pick()
            try await t.app.server.start(address: .hostname("127.0.0.1", port: port))
            do {
                let sql = try #require(t.db as? any SQLDatabase)
                // Only the list's own statement counts: anything else of the app's that touches `tasks`
                // while the lock is held waits too, and stays waiting until the test lets go.
                let waiting: @Sendable () async throws -> Int = {
                    try await sql.raw(
                        """
                        SELECT count(*)::int AS waiting FROM pg_stat_activity
                        WHERE datname = current_database() AND wait_event_type = 'Lock'
                          AND query ~ '^SELECT .* FROM "?tasks"? ' AND pid <> pg_backend_pid()
                        """
                    ).first(decoding: Waiting.self)?.waiting ?? 0
                }
                try await t.db.transaction { database in
                    try await (database as? any SQLDatabase)?.raw("LOCK TABLE tasks IN ACCESS EXCLUSIVE MODE").run()
                    try await body(t, port, waiting)
                }
                let next = try RawConnection(port: port)
                try next.send(Self.listRequest(key: t.testKey))
                let answer = try await next.awaitResponse()
                #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer.prefix(300))")
            } catch {
                await t.app.server.shutdown()
                throw error
            }
            await t.app.server.shutdown()
        }
    }
}

private struct Waiting: Decodable { var waiting: Int }
