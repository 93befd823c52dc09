import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// A configured, migrated app on a fresh database with the first-run account, and its keys.
struct TestApp {
    let app: Application
    let clock: TestClock
    let accountID: String
    let liveKey: String
    let testKey: String
    let firstRun: FirstRun.Credentials

    var db: any Database { app.db }
}

func withPloton(
    _ adjust: (inout PlotonConfig) -> Void = { _ in },
    _ body: (TestApp) async throws -> Void
) async throws {
    TestLogging.bootstrap()
    let database = try await TestDatabase.make(premigrated: true)
    var config = PlotonConfig(database: database.config, encryptionKeys: .init(TestKeys.encryptionKeys))
    config.rateLimits = [:]  // rate limiting is tested on its own
    config.tasks.runsWorkers = false  // tests run the worker by hand with `drain()`
    config.tasks.retryBaseDelay = 0.001
    // The parallel PostgreSQL suite on two cores took over 3 s to connect (MCPRemoteOAuthTests failed so):
    // a slow machine, not an outage, which is what this budget is for.
    config.databaseConnectSeconds = 15
    adjust(&config)
    let clock = TestClock()
    let app = try await Application.make(.testing)
    do {
        try configure(app, config: config, clock: clock.clock)
        try await migrate(app)
        let credentials = try #require(
            try await FirstRun.runIfNeeded(database: app.db, secretBox: app.ploton.secretBox, now: clock.now))
        try await body(
            TestApp(
                app: app, clock: clock, accountID: credentials.accountID,
                liveKey: credentials.liveKey.value, testKey: credentials.testKey.value, firstRun: credentials))
    } catch {
        try? await app.asyncShutdown()
        await database.drop()
        throw ExplainedDatabaseError.explaining(error)
    }
    try await app.asyncShutdown()
    await database.drop()
}

extension TestApp {
    /// Runs queued tasks until none is left to claim; returns how many ran.
    @discardableResult
    func drain() async throws -> Int {
        try await worker().runOnce()
    }

    func worker(id: String = "wrk_test") -> TaskWorker {
        TaskWorker(database: app.db, services: app.ploton, logger: app.logger, id: id)
    }

    /// Creates a task over the API and returns its id.
    func createTask(_ json: String, key: String? = nil) async throws -> String {
        let response = try await send(.POST, "v1/tasks", key: key ?? testKey, json: json)
        #expect(response.status == .created, "\(response.body.string)")
        return try #require(try response.object["id"] as? String)
    }

    func task(_ id: String, key: String? = nil) async throws -> [String: Any] {
        try await send(.GET, "v1/tasks/\(id)", key: key ?? testKey).object
    }

    func events(for taskID: String) async throws -> [TaskEvent] {
        try await TaskEvent.query(on: db).filter(\.$taskID == taskID).sort(\.$id).all()
    }
}

extension HTTPHeaders {
    static func bearer(_ key: String) -> HTTPHeaders { ["Authorization": "Bearer \(key)"] }

    static func json(_ key: String) -> HTTPHeaders {
        ["Authorization": "Bearer \(key)", "Content-Type": "application/json"]
    }
}

extension TestApp {
    /// Sends a request in memory; `json` is sent as the body with a JSON content type.
    @discardableResult
    func send(
        _ method: HTTPMethod, _ path: String, key: String? = nil, json: String? = nil, headers: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        var all = headers
        if let key { all.replaceOrAdd(name: .authorization, value: "Bearer \(key)") }
        if json != nil { all.replaceOrAdd(name: .contentType, value: "application/json") }
        return try await app.testing().sendRequest(method, path, headers: all, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestingHTTPResponse {
    /// The body as a JSON object, for asserting on exact field names.
    var object: [String: Any] {
        get throws {
            try #require(try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any])
        }
    }

    /// The `error` object of an error envelope.
    var error: [String: Any] {
        get throws { try #require(try object["error"] as? [String: Any]) }
    }

    var errorCode: String? { try? error["code"] as? String }
}
