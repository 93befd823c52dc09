import AsyncHTTPClient
import Foundation
import NIOCore
import PlotonTestSupport
import Testing

/// The chaos run of scripts/chaos.sh in small, on a PostgreSQL of the test's own: an `api` and a
/// `worker` process, sandbox weather look-ups and Slack posts, the worker SIGKILLed midway and
/// started again, then PostgreSQL restarted (`pg_ctl stop -m fast`, start) while tasks are created.
/// Clients retry like the SDK (same `Idempotency-Key`, after `Retry-After`). Every accepted task
/// completes with one `task.complete`, every post is made once, and nothing is left unfinished.
@Suite(.serialized) struct ScaleOutSmokeProcessTests {
    static let weather = TaskProcessTests.prompt

    /// It found two faults (issue 18): transactions cut off by the restart kept their pooled
    /// connections for good, so runs stalled until the claim deadline (`ConnectionLossTests`); and
    /// a create whose idempotency record could not be finished answered 503, so the client's retry
    /// created the task again a minute later and its post was made twice.
    @Test(.enabled(if: TestDatabase.isPostgres && ThrowawayPostgres.isAvailable))
    func a_killed_worker_and_a_database_restart_lose_nothing_and_repeat_nothing() async throws {
        let postgres = try ThrowawayPostgres()
        defer { postgres.stop() }
        let env = try ProcessEnvironment.make(databaseURL: postgres.url)
        var variables = env.variables([
            "PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_TASK_LEASE_SECONDS": "1", "PLOTON_RATE_LIMIT_TEST": "100000",
            "PLOTON_ROLE": "api",
        ])
        let api = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let key = try #require(ServeTests.value(after: "Test API key:", in: api.stdout))
        try await Self.connectSandboxChat(user: "smoke", on: api, key: key)
        let sql = Psql(url: postgres.url)

        // A first batch, queued before the worker starts (a fast worker could otherwise finish it
        // before the check below sees it midway); the worker is killed with part of it done and the
        // rest claimed or queued.
        let client = Client(server: api, key: key)
        var posts = try await client.create(0..<30)
        variables["PLOTON_ROLE"] = "worker"
        variables["PLOTON_WORKER_CONCURRENCY"] = "4"
        var worker = try PlotonProcess.start(arguments: ["serve"], environment: variables, workingDirectory: env.directory)
        try await eventually("the worker is midway", timeout: .seconds(60)) {
            try sql.count("SELECT count(*) FROM tasks WHERE status = 'complete'") >= 3
        }
        #expect(try await worker.stop(signal: SIGKILL) == SIGKILL)
        let unfinishedAtKill = try sql.count("SELECT count(*) FROM tasks WHERE status IN ('pending', 'running')")
        #expect(unfinishedAtKill > 0, "the kill left work behind")
        worker = try PlotonProcess.start(arguments: ["serve"], environment: variables, workingDirectory: env.directory)
        // Started, not starting: a process that cannot reach the database while it starts exits (its
        // supervisor starts it again, as deploy/'s units do).
        try await eventually("the worker is running again") { worker.stderr.contains("task worker started") }

        // A second batch, created while PostgreSQL restarts under it.
        async let second = client.create(30..<50)
        try await eventually("some of the second batch is accepted") { client.accepted >= 35 }
        try postgres.pause()
        try await eventually("the API refuses while the database is down", timeout: .seconds(10)) {
            try await api.request(.GET, "/ready").status == .serviceUnavailable
        }
        try postgres.resume()
        posts.merge(try await second) { $1 }

        let ids = client.ids
        #expect(ids.count == 50)
        try await eventually("every accepted task is finished", timeout: .seconds(90)) {
            try sql.count("SELECT count(*) FROM tasks WHERE status IN ('pending', 'running', 'waiting')") == 0
        }
        let list = ids.map { "'\($0)'" }.joined(separator: ",")
        let statuses =
            try sql.lines("SELECT status, count(*) FROM tasks GROUP BY status")
            + sql.lines("SELECT id, error::text FROM tasks WHERE status = 'failed'")
            + sql.lines("SELECT task_id, step_index, status, error::text FROM task_steps WHERE status = 'failed'")
        #expect(
            try sql.count("SELECT count(*) FROM tasks WHERE id IN (\(list)) AND status = 'complete'") == ids.count,
            "none lost: \(statuses); the worker's log:\n\(worker.stderr.suffix(4000))")
        #expect(
            try sql.count(
                "SELECT count(*) FROM (SELECT task_id FROM events WHERE type = 'task.complete' GROUP BY task_id HAVING count(*) > 1) twice")
                == 0, "none completed twice")
        #expect(try sql.count("SELECT count(*) FROM events WHERE type = 'task.complete' AND task_id IN (\(list))") == ids.count)
        let made = try sql.lines("SELECT data::text FROM sandbox_records WHERE tool = 'chat' AND data::text LIKE '%smoke-%'").joined(
            separator: "\n")
        for (_, text) in posts {
            let tasks = try sql.lines("SELECT id, status, created_at FROM tasks WHERE prompt LIKE '%\(text)\"%'")
            #expect(made.components(separatedBy: "\"\(text)\"").count - 1 == 1, "\(text) posted exactly once; its tasks: \(tasks)")
        }
        #expect(posts.count == 25)

        #expect(try await worker.stop(signal: SIGKILL) == SIGKILL)
        await api.expectCleanStop()
        #expect(!api.stderr.contains("request failed"), "no 500s:\n\(api.stderr)")
        await env.drop()
    }

    /// The end user connects the sandbox Slack as in a browser: Ploton's link, the sandbox
    /// consent page's Approve, the callback.
    static func connectSandboxChat(user: String, on server: PlotonProcess, key: String) async throws {
        let authorization = try await server.request(
            .POST, "/v1/connections/authorize", key: key, json: #"{"user_id":"\#(user)","tool":"chat"}"#)
        let authURL = try #require(authorization.json["auth_url"] as? String, "\(authorization.body)")
        let start = try await Browser.get(server.baseURL + (URLComponents(string: authURL)?.pathAndQuery ?? ""))
        let consent = try #require(start.location.flatMap(URLComponents.init(string:)), "\(start.body)")
        let decided = try await Browser.post(
            server.baseURL + consent.percentEncodedPath, form: (consent.percentEncodedQuery ?? "") + "&decision=approve")
        let callback = try #require(decided.location.flatMap(URLComponents.init(string:)), "\(decided.body)")
        let done = try await Browser.get(server.baseURL + callback.pathAndQuery)
        #expect(done.status == 200, "\(done.body)")
    }
}

/// Creates tasks like the SDK does: an `Idempotency-Key` per task, retried on 503, 429, 409 and
/// dropped connections. Odd-numbered tasks post their own text to Slack.
private final class Client: @unchecked Sendable {
    let server: PlotonProcess
    let key: String
    private let lock = NSLock()
    private var created: [String] = []

    init(server: PlotonProcess, key: String) {
        self.server = server
        self.key = key
    }

    var ids: [String] { lock.withLock { created } }
    var accepted: Int { lock.withLock { created.count } }

    /// Creates the numbered tasks at once; returns the posts' texts by task id.
    func create(_ numbers: Range<Int>) async throws -> [String: String] {
        try await withThrowingTaskGroup(of: (String, String?).self) { group in
            for number in numbers {
                group.addTask { [self] in
                    let text = "smoke-\(number)"
                    let body =
                        number.isMultiple(of: 2)
                        ? #"{"prompt":"\#(ScaleOutSmokeProcessTests.weather)"}"#
                        : #"{"prompt":"Post \"\#(text)\" to #general","user_id":"smoke"}"#
                    let id = try await createOne(body, idempotencyKey: UUID().uuidString)
                    return (id, number.isMultiple(of: 2) ? nil : text)
                }
            }
            var posts: [String: String] = [:]
            for try await (id, text) in group { posts[id] = text }
            return posts
        }
    }

    private func createOne(_ body: String, idempotencyKey: String) async throws -> String {
        var last = ""
        for _ in 0..<100 {
            var request = HTTPClientRequest(url: server.baseURL + "/v1/tasks")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Idempotency-Key", value: idempotencyKey)
            request.body = .bytes(ByteBuffer(string: body))
            var wait = Duration.milliseconds(200)
            last = "no response"
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(30)) {
                let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
                if response.status == .created {
                    let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                    let id = try #require(json?["id"] as? String, "\(text)")
                    lock.withLock { created.append(id) }
                    return id
                }
                guard [409, 429, 503].contains(response.status.code) else {
                    Issue.record("a create failed with \(response.status): \(text)")
                    throw CancellationError()
                }
                last = "\(response.status): \(text)"
                wait = .seconds(Int(response.headers.first(name: "Retry-After") ?? "") ?? 1)
            }
            try await Task.sleep(for: wait)  // the client's back-off, as the SDK's
        }
        Issue.record("a create never succeeded; last: \(last)")
        throw CancellationError()
    }
}
