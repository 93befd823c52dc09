import Foundation
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// An MCP stream whose client left is no longer read: its request and stream are let go when the
/// connection closes, also for a stream the SDK's transport replaced and will never finish (the
/// GET stream resumed with `Last-Event-ID`), instead of being held for the life of the process.
@Suite struct MCPAbandonedStreamsTests {
    @Test func the_streams_of_clients_that_hung_up_are_let_go() async throws {
        try await withPloton { t in
            let port = try FreePort.pick()
            try await t.app.server.start(address: .hostname("127.0.0.1", port: port))
            do {
                let relays = t.app.mcpStreamRelays
                let session = try await t.mcpSession()
                let first = try RawConnection(port: port, timeoutSeconds: 2)
                try first.send(Self.getStream(session: session, key: t.testKey))
                let primed = first.receiveUntilClosed().text  // what arrived before 2 s without more
                #expect(primed.hasPrefix("HTTP/1.1 200"), "\(primed)")
                let idLine = primed.split(whereSeparator: \.isNewline).first { $0.hasPrefix("id: ") }
                let eventID = try #require(idLine?.dropFirst(4), "\(primed)")

                // Resuming replaces the first stream in the transport, which never finishes it.
                let resumed = try RawConnection(port: port, timeoutSeconds: 2)
                try resumed.send(Self.getStream(session: session, key: t.testKey, lastEventID: String(eventID)))
                #expect(resumed.receiveUntilClosed().text.hasPrefix("HTTP/1.1 200"))
                #expect(relays.count == 2)

                first.hangUp()
                try await eventually("the replaced stream's relay ends with its connection") { relays.count == 1 }
                resumed.hangUp()
                try await eventually("the current stream's relay ends with its connection") { relays.count == 0 }
                #expect(await t.app.mcpSessions.count() == 1, "the session itself goes on")
            } catch {
                await t.app.server.shutdown()
                throw error
            }
            await t.app.server.shutdown()
        }
    }

    static func getStream(session: String, key: String, lastEventID: String? = nil) -> String {
        "GET /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(key)\r\nAccept: text/event-stream\r\n"
            + "Mcp-Session-Id: \(session)\r\nMCP-Protocol-Version: \(TestApp.mcpVersion)\r\n"
            + (lastEventID.map { "Last-Event-ID: \($0)\r\n" } ?? "") + "\r\n"
    }
}
