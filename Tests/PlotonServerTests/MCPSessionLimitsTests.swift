import Foundation
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// The memory MCP sessions hold stays bounded: a session ends after its request budget (the SDK's
/// transport keeps every message it sent), the process keeps at most so many sessions, and idle
/// sessions end; a client that gets the 404 starts a new session.
@Suite struct MCPSessionLimitsTests {
    static let list = #"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#
    static let ping = #"{"jsonrpc":"2.0","id":3,"method":"ping"}"#

    @Test func a_session_ends_after_its_request_budget_and_a_new_one_starts() async throws {
        try await withPloton { t in
            t.app.mcpSessions = MCPSessions(requestLimit: 3)
            let session = try await t.mcpSession()  // initialize, then notifications/initialized: the first of 3
            for _ in 0..<2 {
                #expect(try await t.mcp(Self.list, session: session).status == .ok)
            }
            let spent = try await t.mcp(Self.list, session: session)
            #expect(spent.status == .notFound, "\(spent.body.string)")
            #expect(await t.app.mcpSessions.count() == 0)
            let again = try await t.mcpSession()
            #expect(try await t.mcp(Self.list, session: again).status == .ok)
        }
    }

    @Test func the_process_keeps_at_most_its_limit_and_idle_sessions_end() async throws {
        try await withPloton { t in
            t.app.mcpSessions = MCPSessions(sessionLimit: 2)
            let first = try await t.mcpSession()
            _ = try await t.mcpSession()
            let third = try await t.mcpSession()
            #expect(await t.app.mcpSessions.count() == 2)
            #expect(try await t.mcp(Self.list, session: first).status == .notFound)
            #expect(try await t.mcp(Self.list, session: third).status == .ok)

            await t.app.mcpSessions.endAll()
            t.app.mcpSessions = MCPSessions(idleLimit: .milliseconds(100))
            let opened = try await t.mcp(TestApp.initialize())
            let idle = try #require(opened.headers.first(name: "Mcp-Session-Id"))
            try await eventually("idle sessions end", timeout: .seconds(10)) { await t.app.mcpSessions.count() == 0 }
            #expect(try await t.mcp(Self.list, session: idle).status == .notFound)
        }
    }

    /// What a session's transport keeps grows with every answer (a `tools/list` is tens of
    /// kilobytes): a session ends once its answers pass its byte limit, and the least recently used
    /// end while all sessions' answers pass the process's.
    @Test func sessions_end_once_what_they_were_sent_passes_the_byte_limits() async throws {
        try await withPloton { t in
            let probe = try await t.mcpSession()
            let size = try await t.mcp(Self.list, session: probe).body.readableBytes
            #expect(size > 1_000, "a tools/list of the built-in tools")
            await t.app.mcpSessions.endAll()

            t.app.mcpSessions = MCPSessions(byteLimit: size * 2)
            let session = try await t.mcpSession()
            #expect(try await t.mcp(Self.list, session: session).status == .ok)
            #expect(try await t.mcp(Self.list, session: session).status == .ok)
            let spent = try await t.mcp(Self.list, session: session)
            #expect(spent.status == .notFound, "past twice a tools/list: \(spent.body.string.prefix(200))")
            #expect(await t.app.mcpSessions.count() == 0)

            t.app.mcpSessions = MCPSessions(processByteLimit: size * 5 / 2)
            var sessions: [String] = []
            for _ in 0..<3 {
                let opened = try await t.mcpSession()
                #expect(try await t.mcp(Self.list, session: opened).status == .ok)
                sessions.append(opened)
            }
            // A session's answers are counted when it is next used.
            #expect(try await t.mcp(Self.ping, session: sessions[0]).status == .ok)
            #expect(try await t.mcp(Self.ping, session: sessions[1]).status == .ok)
            #expect(await t.app.mcpSessions.count() == 3, "two lists are within the limit")
            #expect(try await t.mcp(Self.ping, session: sessions[2]).status == .ok, "the one in use stays")
            #expect(await t.app.mcpSessions.count() == 2, "the third list passed it: the least recently used ended")
            #expect(try await t.mcp(Self.ping, session: sessions[0]).status == .notFound)
            #expect(try await t.mcp(Self.ping, session: sessions[1]).status == .ok)
        }
    }
}
