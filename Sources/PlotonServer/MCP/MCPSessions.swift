import Foundation
import MCP
import Vapor

/// The MCP sessions this process serves. A session lives in the process that answered its
/// `initialize` (route a session's requests to one process, or the client is told to start a new
/// session by a 404), belongs to the API key that opened it and to one endpoint (`/mcp` or one
/// subagent's), and ends on DELETE, after an hour idle, when its key opens too many, when the
/// process holds too many, after `requestLimit` requests, or once what it sent passes `byteLimit`;
/// and the least recently used end while all sessions together sent more than `processByteLimit`.
/// The SDK's transport keeps every message it sent (for resumption) and every request's context
/// for the session's life, so a session's memory is bounded by ending it (a `tools/list` of a
/// large environment is tens of kilobytes, and 2,000 of them in each of a key's 32 sessions would
/// be gigabytes), and the client starts a new one on the 404 as MCP specifies.
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
        var requests = 0
        /// What its transport had sent when last seen here.
        var sentBytes = 0
    }

    static let perKeyLimit = 32

    let idleLimit: Duration
    let requestLimit: Int
    let sessionLimit: Int
    let byteLimit: Int
    let processByteLimit: Int

    init(
        idleLimit: Duration = .seconds(3600), requestLimit: Int = 2_000, sessionLimit: Int = 4_096, byteLimit: Int = 16 << 20,
        processByteLimit: Int = 512 << 20
    ) {
        self.idleLimit = idleLimit
        self.requestLimit = requestLimit
        self.sessionLimit = sessionLimit
        self.byteLimit = byteLimit
        self.processByteLimit = processByteLimit
    }

    private var sessions: [String: Session] = [:]
    /// The sum of the sessions' `sentBytes`.
    private var sentBytes = 0

    /// The session with this id, if it is the caller's and has requests left; touching it keeps it alive.
    func session(_ id: String, owner: Owner) async -> Session? {
        await endIdle()
        guard let found = sessions[id], found.owner == owner else { return nil }
        let sent = await found.transport.sentBytes
        guard var session = sessions[id] else { return nil }  // it ended meanwhile
        sentBytes += sent - session.sentBytes
        session.sentBytes = sent
        sessions[id] = session
        guard session.requests < requestLimit, sent < byteLimit else {
            await end(id)
            return nil
        }
        session.lastUsed = .now
        session.requests += 1
        sessions[id] = session
        await endLeastRecentlyUsed(whileSentBytesPass: processByteLimit)
        return session
    }

    func add(_ id: String, _ session: Session) async {
        await endIdle()
        let keys = sessions.filter { $0.value.owner.keyID == session.owner.keyID }
        var ending = Self.leastRecentlyUsed(keys, beyond: Self.perKeyLimit - 1)
        ending += Self.leastRecentlyUsed(sessions.filter { !ending.contains($0.key) }, beyond: sessionLimit - 1)
        for id in ending { await end(id) }
        sessions[id] = session
    }

    /// Ends the least recently used sessions while all of them together sent more than `limit`.
    private func endLeastRecentlyUsed(whileSentBytesPass limit: Int) async {
        guard sentBytes > limit else { return }
        for id in sessions.sorted(by: { $0.value.lastUsed < $1.value.lastUsed }).map(\.key) {
            guard sentBytes > limit else { return }
            await end(id)
        }
    }

    /// How many sessions are open (after ending the idle ones).
    func count() async -> Int {
        await endIdle()
        return sessions.count
    }

    private func endIdle() async {
        let now = ContinuousClock.now
        for id in sessions.filter({ now - $0.value.lastUsed > idleLimit }).map(\.key) { await end(id) }
    }

    private static func leastRecentlyUsed(_ sessions: [String: Session], beyond limit: Int) -> [String] {
        guard sessions.count > limit else { return [] }
        return sessions.sorted { $0.value.lastUsed < $1.value.lastUsed }.prefix(sessions.count - limit).map(\.key)
    }

    func end(_ id: String) async {
        guard let session = sessions.removeValue(forKey: id) else { return }
        sentBytes -= session.sentBytes
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
