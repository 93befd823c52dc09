import Fluent
import Foundation
import PlotonAPI
import PlotonTestSupport
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PlotonServer

/// `/health` is liveness, `/ready` is readiness; a database that cannot be reached is a 503 with
/// `Retry-After`, and later requests are refused at once until it answers again.
@Suite struct ReadinessTests {
    @Test func the_root_says_what_this_server_is_in_the_apis_json() async throws {
        try await withPloton { t async throws in
            let response = try await t.send(.GET, "/")
            #expect(response.status == .ok)
            #expect(response.headers.contentType == .json)
            let expected = try PlotonJSON.encoder().encode(
                ["object": "server", "name": "Ploton", "openapi": "/v1/openapi.json"])
            #expect(Data(response.body.readableBytesView) == expected, "the constant body is the encoder's bytes")
        }
    }

    @Test func ready_when_the_database_answers_and_migrations_are_current() async throws {
        try await withPloton { t async throws in
            let response = try await t.send(.GET, "ready")
            #expect(response.status == .ok)
            #expect(try response.object["status"] as? String == "ready")
            #expect(try response.object["database"] as? String == "ok")
            #expect(try response.object["migrations"] as? String == "current")
            #expect(try response.object["draining"] as? Bool == false)
        }
    }

    @Test func not_ready_while_draining_though_still_alive_and_serving() async throws {
        try await withPloton { t async throws in
            await t.app.drain(for: 0)
            let ready = try await t.send(.GET, "ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(try ready.object["status"] as? String == "not_ready")
            #expect(try ready.object["draining"] as? Bool == true)
            #expect(ready.headers.first(name: .retryAfter) == "2")
            #expect(try await t.send(.GET, "health").status == .ok)
            #expect(try await t.send(.GET, "v1/tasks", key: t.testKey).status == .ok, "requests still in flight are served")
        }
    }

    @Test func not_ready_when_a_migration_of_this_build_is_missing() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let last = try #require(PlotonMigrations.all.last?.name)
            try await sql.delete(from: "_fluent_migrations").where("name", .equal, last).run()
            let ready = try await t.send(.GET, "ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(try ready.object["migrations"] as? String == "pending")
        }
    }

    @Test func an_unreachable_database_is_a_503_with_retry_after_and_later_requests_are_refused_at_once() async throws {
        try await withPloton { t async throws in
            t.app.get("v1", "unreachable") { _ -> String in throw ConnectionPoolTimeoutError.connectionRequestTimeout }
            let first = try await t.send(.GET, "v1/unreachable")
            #expect(first.status == .serviceUnavailable)
            #expect(first.errorCode == "service_unavailable")
            #expect(first.headers.first(name: .retryAfter) == "2")
            #expect(first.headers.first(name: "X-Request-Id") == (try first.error["request_id"] as? String))

            let refused = try await t.send(.GET, "v1/tasks", key: t.testKey)
            #expect(refused.status == .serviceUnavailable, "not sent to the pool until the next probe")
            #expect(refused.headers.first(name: .retryAfter) == "2")
            #expect(try await t.send(.GET, "health").status == .ok)

            #expect(try await t.send(.GET, "ready").status == .ok, "readiness probes the database itself")
            #expect(try await t.send(.GET, "v1/tasks", key: t.testKey).status == .ok, "and its answer ends the refusals")
        }
    }
}

@Suite struct DatabaseUnreachableTests {
    @Test func connection_failures_are_unreachable_and_request_faults_are_not() {
        #expect(DatabaseUnreachable.matches(ConnectionPoolTimeoutError.connectionRequestTimeout))
        #expect(DatabaseUnreachable.matches(ConnectionPoolError.shutdown))
        #expect(!DatabaseUnreachable.matches(Abort(.badRequest)))
        #expect(!DatabaseUnreachable.matches(DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: ""))))
    }
}
