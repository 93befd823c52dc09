import Fluent
import Foundation
import PlotonTestSupport
import SQLKit
import Testing
import VaporTesting

@testable import PlotonServer

@Suite struct IdempotencyTests {
    let body = #"{"name":"once","environment":"test"}"#

    @Test func a_key_left_in_progress_by_a_killed_process_or_a_lost_database_is_usable_after_a_minute() async throws {
        try await withPloton { t async throws in
            let body = #"{"prompt":"Look up the current weather in San Francisco"}"#
            let fingerprint = SHA256.hash(data: Data("POST /v1/tasks\n\(body)".utf8)).map { String(format: "%02x", $0) }.joined()
            let record = IdempotencyRecord(
                accountID: t.accountID, environment: .test, key: "k-lost", fingerprint: fingerprint, now: t.clock.now, ttl: 86_400)
            try await record.create(on: t.db)
            let busy = try await t.send(.POST, "v1/tasks", key: t.testKey, json: body, headers: ["Idempotency-Key": "k-lost"])
            #expect(busy.status == .conflict)
            #expect(busy.errorCode == "idempotency_conflict")
            t.clock.advance(by: IdempotencyStore.abandonedAfter + 1)
            let retried = try await t.send(.POST, "v1/tasks", key: t.testKey, json: body, headers: ["Idempotency-Key": "k-lost"])
            #expect(retried.status == .created)
        }
    }

    @Test func a_key_whose_server_fault_could_not_be_recorded_is_freed_when_the_database_answers_again() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let store = IdempotencyStore(
                database: t.db, accountID: t.accountID, environment: .test, now: t.clock.now, ttl: 86_400, box: t.app.ploton.secretBox)
            guard case .started(let record) = try await store.begin(key: "k-outage", fingerprint: "f") else {
                Issue.record("the key was not free")
                return
            }
            // The database refuses to forget the key, as one that has gone away would.
            let refuse: [SQLQueryString] =
                TestDatabase.isPostgres
                ? [
                    "CREATE FUNCTION refuse_delete() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'down'; END $$ LANGUAGE plpgsql",
                    "CREATE TRIGGER refuse BEFORE DELETE ON idempotency_records FOR EACH ROW EXECUTE FUNCTION refuse_delete()",
                ] : ["CREATE TRIGGER refuse BEFORE DELETE ON idempotency_records BEGIN SELECT RAISE(ABORT, 'down'); END"]
            for statement in refuse { try await sql.raw(statement).run() }
            await #expect(throws: (any Error).self) {
                try await store.finish(record, with: Response(status: .serviceUnavailable), requestID: "req_1")
            }
            try await sql.raw(TestDatabase.isPostgres ? "DROP TRIGGER refuse ON idempotency_records" : "DROP TRIGGER refuse").run()
            try await eventually("the key is freed", timeout: .seconds(10)) {
                try await IdempotencyRecord.query(on: t.db).filter(\.$key == "k-outage").count() == 0
            }
        }
    }

    @Test func the_same_request_is_replayed_and_acts_once() async throws {
        try await withPloton { t async throws in
            let first = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: ["Idempotency-Key": "k-1"])
            #expect(first.status == .created)
            let replay = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: ["Idempotency-Key": "k-1"])
            #expect(replay.status == .created)
            #expect(replay.body.string == first.body.string)
            #expect(replay.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(first.headers.first(name: "Idempotent-Replayed") == nil)
            #expect(try await APIKey.query(on: t.db).filter(\.$name == "once").count() == 1)
        }
    }

    @Test func a_replayed_error_keeps_request_id_and_header_equal() async throws {
        try await withPloton { t async throws in
            let bad = #"{"name":"x","environment":"nope"}"#
            let first = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: bad, headers: ["Idempotency-Key": "k-err"])
            let replay = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: bad, headers: ["Idempotency-Key": "k-err"])
            #expect(replay.status == .unprocessableEntity)
            #expect(try replay.error["request_id"] as? String == replay.headers.first(name: "X-Request-Id"))
            #expect(replay.headers.first(name: "X-Request-Id") == first.headers.first(name: "X-Request-Id"))
        }
    }

    @Test func the_same_key_with_another_request_is_refused() async throws {
        try await withPloton { t async throws in
            try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: ["Idempotency-Key": "k-2"])
            let other = try await t.send(
                .POST, "v1/api_keys", key: t.liveKey, json: #"{"name":"twice","environment":"test"}"#, headers: ["Idempotency-Key": "k-2"])
            #expect(other.status == .unprocessableEntity)
            #expect(other.errorCode == "idempotency_key_reused")
            #expect(try await APIKey.query(on: t.db).filter(\.$name == "twice").count() == 0)
        }
    }

    @Test func a_duplicate_while_the_first_is_in_flight_is_a_conflict() async throws {
        try await withPloton { t async throws in
            // Run once, then put the record back the way it looks while the first request runs.
            let response = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: ["Idempotency-Key": "k-4"])
            let record = try #require(try await IdempotencyRecord.query(on: t.db).filter(\.$key == "k-4").first())
            record.state = .inProgress
            try await record.update(on: t.db)
            let conflict = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: ["Idempotency-Key": "k-4"])
            #expect(response.status == .created)
            #expect(conflict.status == .conflict)
            #expect(conflict.errorCode == "idempotency_conflict")
        }
    }

    @Test func keys_are_scoped_to_the_calling_environment() async throws {
        try await withPloton { t async throws in
            let refused = try await t.send(.POST, "v1/api_keys", key: t.testKey, json: body, headers: ["Idempotency-Key": "shared"])
            #expect(refused.status == .forbidden)
            let created = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: ["Idempotency-Key": "shared"])
            #expect(created.status == .created, "the test environment's record must not replay into live")
            #expect(created.headers.first(name: "Idempotent-Replayed") == nil)
        }
    }

    @Test func keys_expire_after_24_hours() async throws {
        try await withPloton { t async throws in
            try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: ["Idempotency-Key": "k-5"])
            t.clock.advance(by: 24 * 3600 + 1)
            let again = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: ["Idempotency-Key": "k-5"])
            #expect(again.status == .created)
            #expect(again.headers.first(name: "Idempotent-Replayed") == nil)
            #expect(try await APIKey.query(on: t.db).filter(\.$name == "once").count() == 2)
        }
    }

    @Test(arguments: ["", String(repeating: "x", count: 256)])
    func an_invalid_idempotency_key_is_refused(key: String) async throws {
        try await withPloton { t async throws in
            let response = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: ["Idempotency-Key": key])
            #expect(response.status == .unprocessableEntity)
            #expect(response.errorCode == "validation_error")
            #expect(try response.error["param"] as? String == "Idempotency-Key")
            #expect(try await APIKey.query(on: t.db).count() == 2)
        }
    }

    @Test func a_255_character_key_is_accepted() async throws {
        try await withPloton { t async throws in
            let response = try await t.send(
                .POST, "v1/api_keys", key: t.liveKey, json: body, headers: ["Idempotency-Key": String(repeating: "y", count: 255)])
            #expect(response.status == .created)
        }
    }

    @Test func expired_records_are_pruned() async throws {
        try await withPloton { t async throws in
            try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: ["Idempotency-Key": "k-6"])
            try await IdempotencyStore.prune(database: t.db, now: t.clock.now)
            #expect(try await IdempotencyRecord.query(on: t.db).count() == 1)
            try await IdempotencyStore.prune(database: t.db, now: t.clock.now.addingTimeInterval(24 * 3600))
            #expect(try await IdempotencyRecord.query(on: t.db).count() == 0)
        }
    }
}
