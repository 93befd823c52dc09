import Fluent
import Foundation
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// Requests the HTTP decoder refuses, or whose body the connection cannot deliver, are answered on
/// the wire in the error envelope, then the connection closes; nothing is created and the server
/// goes on serving.
@Suite struct HTTPEdgeTests {
    @Test func a_head_too_large_for_the_decoder_is_answered_414_or_431() async throws {
        try await withListening { t, port in
            let longURI = try await t.refused(port, "GET /v1/tasks?q=\(String(repeating: "a", count: 100_000)) HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(longURI.status == 414 && longURI.code == "uri_too_long", "\(longURI.text.prefix(300))")
            let manyHeaders = (0..<2_000).map { "X-Field-\($0): \(String(repeating: "v", count: 50))\r\n" }.joined()
            let headers = try await t.refused(port, "GET /v1/tasks HTTP/1.1\r\nHost: x\r\n\(manyHeaders)\r\n")
            #expect(headers.status == 431 && headers.code == "header_fields_too_large", "\(headers.text.prefix(300))")
            let megabyteValue = try await t.refused(
                port, "GET /v1/tasks HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 1 << 20))\r\n\r\n")
            #expect(megabyteValue.status == 431 && megabyteValue.code == "header_fields_too_large")
        }
    }

    @Test func a_malformed_request_is_answered_400() async throws {
        try await withListening { t, port in
            for request in [
                Array("GARBAGE\r\n\r\n".utf8), Array("GET /v1/tasks HTTP/1.1\r\nBad Header\r\n\r\n".utf8),
                Array("GET /v1/tasks/".utf8) + [0xFF, 0xFE, 0x00] + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
            ] {
                let answer = try await t.refused(port, bytes: request)
                #expect(answer.status == 400 && answer.code == "invalid_request", "\(answer.text)")
            }
        }
    }

    @Test func a_body_that_cannot_be_delivered_is_answered_by_the_app_and_creates_nothing() async throws {
        try await withListening { t, port in
            let head = "POST /v1/tasks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(t.testKey)\r\nContent-Type: application/json\r\n"
            let garbage = "not gzip at all"
            let badGzip = try await t.refused(
                port, head + "Content-Encoding: gzip\r\nContent-Length: \(garbage.utf8.count)\r\n\r\n" + garbage)
            #expect(badGzip.status == 400 && badGzip.code == "invalid_request", "\(badGzip.text)")

            let prompt = #"{"prompt":"weather in Paris","metadata":{"pad":""# + String(repeating: "x", count: 2 << 20) + #""}}"#
            let bomb = try Self.gzip(Array(prompt.utf8))
            let inflated = try await t.refused(
                port, bytes: Array((head + "Content-Encoding: gzip\r\nContent-Length: \(bomb.count)\r\n\r\n").utf8) + bomb)
            #expect(inflated.status == 413 && inflated.code == "payload_too_large", "\(inflated.text)")

            let torn = try await t.refused(port, head + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"pro\r\nzz\r\n")
            #expect(torn.status == 400 && torn.code == "invalid_request", "\(torn.text)")
            #expect(try await AgentTask.query(on: t.db).count() == 0)

            let good = try Self.gzip(Array(#"{"prompt":"weather in Paris"}"#.utf8))
            let accepted = try await t.refused(
                port,
                bytes: Array((head + "Content-Encoding: gzip\r\nContent-Length: \(good.count)\r\nConnection: close\r\n\r\n").utf8) + good)
            #expect(accepted.status == 201, "\(accepted.text)")
        }
    }

    @Test func a_head_that_trickles_in_is_answered_408_after_the_head_timeout() async throws {
        // Head deadline 5 s, idle timer 6 s from the last byte: a loaded machine's late sleep does not race them.
        try await withListening({
            $0.httpIdleSeconds = 6; $0.rateLimits = [.test: .init(limit: 1_000)]
        }) { t, port in
            let connection = try RawConnection(port: port)
            let started = Date()
            try connection.send("GET /v1/tasks HTTP/1.1\r\nHost: x\r\n")
            try await Task.sleep(for: .seconds(2))
            try connection.send("X-Slow: 1\r\n")  // activity keeps the idle timer from firing; the head deadline does not move
            let answer = EdgeReply(await connection.awaitClose())
            #expect(answer.status == 408 && answer.code == "request_timeout", "\(answer.text)")
            #expect(answer.headers["ratelimit"] == nil, "no key was read: \(answer.text)")
            #expect(Date().timeIntervalSince(started) < 25, "answered at the head deadline, not left to hang")
        }
    }

    @Test func a_body_that_trickles_in_is_answered_408_after_the_body_deadline_and_creates_nothing() async throws {
        // Idle timer 6 s, head deadline 5 s, body deadline 10 s: a byte a second keeps the idle timer from firing.
        try await withListening({
            $0.httpIdleSeconds = 6; $0.rateLimits = [.test: .init(limit: 1_000)]
        }) { t, port in
            let body = #"{"prompt":"weather in Oslo","metadata":{"padding":"\#(String(repeating: "x", count: 60))"}}"#
            let connection = try RawConnection(port: port)
            try connection.send(
                "POST /v1/tasks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(t.testKey)\r\nContent-Type: application/json\r\n"
                    + "Content-Length: \(body.utf8.count)\r\n\r\n")
            let trickle = Self.trickle(body, to: connection)
            let answer = EdgeReply(await connection.awaitClose())
            trickle.cancel()
            #expect(answer.status == 408 && answer.code == "request_timeout", "\(answer.text)")
            // The app answers it, after the key was read and counted: an authenticated answer, with its rate limit.
            #expect(answer.headers["ratelimit"]?.hasPrefix("\"per-key\"") == true, "\(answer.text)")
            // Without the deadline nothing is answered before the body ends (in 108 s): the read gives up after 30 s of silence.
            #expect(answer.closed, "answered at the body deadline, not when the body ends")
            #expect(try await AgentTask.query(on: t.db).count() == 0)
        }
    }

    @Test func a_body_still_trickling_after_its_answer_is_not_waited_for_past_the_body_deadline() async throws {
        try await withListening({ $0.httpIdleSeconds = 6 }) { t, port in
            let body = String(repeating: " ", count: 200)
            let connection = try RawConnection(port: port)
            // No key: 401 before the body is read; the body keeps coming, a byte a second, for 200 s.
            try connection.send("POST /v1/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
            let trickle = Self.trickle(body, to: connection)
            let answer = EdgeReply(await connection.awaitClose())
            trickle.cancel()
            #expect(answer.status == 401, "\(answer.text)")
            #expect(answer.closed, "closed at the body deadline, not left open while the body trickles")
        }
    }

    /// Sends `text` a byte a second (a slow client) until it is all sent, the connection fails or
    /// `stop` is called. On a thread of its own: under the parallel suite's load, a task's sleep on
    /// Swift's two cooperative threads overslept the 6 s idle timer, which then closed the connection
    /// unanswered before the body deadline.
    private static func trickle(_ text: String, to connection: RawConnection) -> Trickle {
        let trickle = Trickle()
        Thread.detachNewThread {
            for byte in text.utf8 {
                guard !trickle.stopped, (try? connection.send(bytes: [byte])) != nil else { return }
                Thread.sleep(forTimeInterval: 1)
            }
        }
        return trickle
    }

    private final class Trickle: @unchecked Sendable {
        private let lock = NSLock()
        private var isStopped = false
        var stopped: Bool { lock.withLock { isStopped } }
        func cancel() { lock.withLock { isStopped = true } }
    }

    @Test func pipelined_requests_are_answered_in_order_before_a_malformed_one() async throws {
        try await withListening { t, port in
            let connection = try RawConnection(port: port)
            try connection.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\nNOT HTTP\r\n\r\n")
            let (text, closed) = await connection.awaitClose()
            #expect(closed)
            let statuses = text.matches(of: #/HTTP/1\.1 (\d{3}) /#).map { String($0.output.1) }
            #expect(statuses == ["200", "200", "400"], "\(text)")
            #expect(text.components(separatedBy: "\r\n\r\n").last?.contains("\"invalid_request\"") == true)
        }
    }

    @Test func a_query_or_form_of_more_than_1000_parameters_is_refused_before_it_is_parsed() async throws {
        try await withPloton { t in
            let repeated = Array(repeating: "a=1", count: 20_000).joined(separator: "&")
            let query = try await t.send(.GET, "v1/tasks?\(repeated)", key: t.testKey)
            #expect(query.status == .badRequest && query.errorCode == "invalid_request")
            let form = try await t.app.testing().sendRequest(
                .POST, "dashboard/sign-in", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: repeated))
            #expect(form.status == .badRequest && form.headers.contentType == .html, "a page's refusal is a page")
            #expect(try await t.send(.GET, "v1/tasks?limit=5&status=complete", key: t.testKey).status == .ok)
        }
    }

    private func withListening(
        _ adjust: (inout PlotonConfig) -> Void = { _ in }, _ body: (TestApp, Int) async throws -> Void
    ) async throws {
        try await withPloton(adjust) { t in
            let port = try FreePort.pick()
            try await t.app.server.start(address: .hostname("127.0.0.1", port: port))
            do {
                try await body(t, port)
                // The server goes on serving.
                let next = try RawConnection(port: port)
                try next.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try await next.awaitResponse().hasPrefix("HTTP/1.1 200"))
            } catch {
                await t.app.server.shutdown()
                throw error
            }
            await t.app.server.shutdown()
        }
    }

    private static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("edge-\(UUID().uuidString)")
        try Data(bytes).write(to: file)
        #expect(try ProcessRunner.run("gzip", ["-f", file.path]).status == 0)
        defer { try? FileManager.default.removeItem(atPath: file.path + ".gz") }
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.path + ".gz")))
    }
}

/// A response read off a raw connection up to its close.
struct EdgeReply {
    var text: String
    var closed: Bool

    init(_ received: (text: String, closed: Bool)) {
        (text, closed) = received
    }

    var status: Int? { text.hasPrefix("HTTP/1.1 ") ? Int(text.dropFirst(9).prefix(3)) : nil }

    var headers: [String: String] {
        let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
        return Dictionary(
            head.split(separator: "\r\n").dropFirst().compactMap { line in
                line.firstIndex(of: ":").map {
                    (line[..<$0].lowercased(), line[line.index(after: $0)...].trimmingCharacters(in: .whitespaces))
                }
            }, uniquingKeysWith: { first, _ in first })
    }

    var error: [String: Any]? {
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["error"] as? [String: Any]
    }

    var code: String? { error?["code"] as? String }
}

extension TestApp {
    /// Sends `bytes` on a new connection and reads the answer up to the close, which must come,
    /// with the envelope's request id in `X-Request-Id`.
    func refused(_ port: Int, bytes: [UInt8]) async throws -> EdgeReply {
        let connection = try RawConnection(port: port)
        try? connection.send(bytes: bytes)  // the server may answer and stop reading before the last byte
        let reply = EdgeReply(await connection.awaitClose())
        #expect(reply.closed, "the connection stays open: \(reply.text.prefix(200))")
        if let requestID = reply.error?["request_id"] as? String {
            #expect(requestID.hasPrefix("req_") && reply.headers["x-request-id"] == requestID)
            #expect(reply.headers["content-type"]?.hasPrefix("application/json") == true)
        }
        return reply
    }

    func refused(_ port: Int, _ text: String) async throws -> EdgeReply {
        try await refused(port, bytes: Array(text.utf8))
    }
}
