import PlotonTestSupport
import SQLKit
import Testing

@testable import PlotonServer

/// PostgreSQL quotes the data that failed in an error's detail and context; the logs keep its
/// code and message only, so a secret in a request body never reaches them through a failed write.
@Suite struct LoggedErrorTests {
    @Test(.enabled(if: TestDatabase.isPostgres))
    func a_postgres_error_is_logged_without_the_data_it_quotes() async throws {
        try await withPloton { t in
            let sql = try #require(t.db as? any SQLDatabase)
            let marker = "sk_live_do_not_log_me"
            do {
                try await sql.raw(#"SELECT '{"client_secret":"\#(unsafeRaw: marker)\u0000"}'::jsonb"#).run()
                Issue.record("jsonb accepted U+0000")
            } catch {
                #expect(String(reflecting: error).contains(marker), "the error itself quotes the data")
                let logged = LoggedError.description(error)
                #expect(!logged.contains(marker), "\(logged)")
                #expect(logged.contains("22P05"), "\(logged)")
            }
        }
    }
}
