import Fluent
import Foundation
import PlotonTestSupport
import SQLKit
import Testing
import VaporTesting

@testable import PlotonServer

/// A sandbox step's effect commits with the step's outcome, never on its own: a run cut off between
/// the two would otherwise keep the effect and make it again when the step runs once more.
@Suite struct SandboxEffectsTests {
    @Test func a_post_whose_step_could_not_be_recorded_is_not_kept() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            // The database refuses to record the step as complete, as one that went away would.
            let refuse: [SQLQueryString] =
                TestDatabase.isPostgres
                ? [
                    "CREATE FUNCTION refuse_step() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'down'; END $$ LANGUAGE plpgsql",
                    """
                    CREATE TRIGGER refuse_step BEFORE INSERT OR UPDATE ON task_steps FOR EACH ROW
                    WHEN (NEW.status = 'complete') EXECUTE FUNCTION refuse_step()
                    """,
                ]
                : [
                    """
                    CREATE TRIGGER refuse_step BEFORE UPDATE ON task_steps WHEN NEW.status = 'complete'
                    BEGIN SELECT RAISE(ABORT, 'down'); END
                    """
                ]
            for statement in refuse { try await sql.raw(statement).run() }

            let id = try await t.createTask(#"{"prompt":"Post \"only once\" to #general","user_id":"u1"}"#)
            try await t.drainConsenting()
            #expect(try await t.task(id)["status"] as? String != "complete")
            let posts = try await SandboxRecord.query(on: t.db).filter(\.$tool == "chat").filter(\.$collection == "messages").all()
            #expect(!posts.contains { $0.data.value.jsonText.contains("only once") }, "the post was kept without its step")
        }
    }
}
