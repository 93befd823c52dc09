import Foundation
import MCP
import Vapor

/// The MCP sessions this process serves. A session lives in the process that answered its
/// `initialize` (route a session's requests to one process, or the client is told to start a new
/// session by a 404), belongs to the API key that opened it and to one endpoint (`/mcp` or one
/// subagent's), and ends on DELETE, after an hour idle, or when its key opens too many.
actor MCPSessions {
    struct Owner: Equatable {
        var keyID: String
        /// The subagent whose tools the session serves; nil for the whole environment.
        var subagent: String?
    }

    struct Session {
        var owner: Owner
        var transport: MCPSessionTransport
        var server: MCP.Server
        var lastUsed: ContinuousClock.Instant
    }

    static let idleLimit: Duration = .seconds(3600)
    static let perKeyLimit = 32

    private var sessions: [String: Session] = [:]

    /// The session with this id, if it is the caller's; touching it keeps it alive.
    func session(_ id: String, owner: Owner) -> Session? {
        guard var session = sessions[id], session.owner == owner else { return nil }
        session.lastUsed = .now
        sessions[id] = session
        return session
    }

    func add(_ id: String, _ session: Session) async {
        let now = ContinuousClock.now
        var ending = sessions.filter { now - $0.value.lastUsed > Self.idleLimit }.map(\.key)
        let keys = sessions.filter { $0.value.owner.keyID == session.owner.keyID && !ending.contains($0.key) }
        if keys.count >= Self.perKeyLimit {
            ending += keys.sorted { $0.value.lastUsed < $1.value.lastUsed }.prefix(keys.count - Self.perKeyLimit + 1).map(\.key)
        }
        for id in ending { await end(id) }
        sessions[id] = session
    }

    func end(_ id: String) async {
        guard let session = sessions.removeValue(forKey: id) else { return }
        await session.server.stop()
    }

    func endAll() async {
        for id in sessions.keys { await end(id) }
    }
}

extension Application {
    private struct MCPSessionsKey: StorageKey { typealias Value = MCPSessions }

    /// Set once in `configure`.
    var mcpSessions: MCPSessions {
        get {
            guard let sessions = storage[MCPSessionsKey.self] else { fatalError("configure(_:config:) has not run") }
            return sessions
        }
        set { storage[MCPSessionsKey.self] = newValue }
    }
}

/// Ends every MCP session (closing their streams) when the server shuts down.
struct MCPLifecycle: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.mcpSessions.endAll()
    }
}
