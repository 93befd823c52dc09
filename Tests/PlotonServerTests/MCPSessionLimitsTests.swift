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
}
