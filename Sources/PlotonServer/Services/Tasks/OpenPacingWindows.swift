import Fluent
import Foundation
import SQLKit
import Synchronization

/// This process's copy of the pacing windows open now (`PacingWindows`), so a step asks the
/// database at most once a second whether any is open instead of once per step: almost always
/// none is. A window this process records is in the copy at once; one another process records is
/// seen within `maxAge` (1 s), when the copy is read again: until then a step may call a provider
/// that just rate limited another process's call, and is paced by its answer as before.
final class OpenPacingWindows: Sendable {
    private struct State {
        var open: [String: Date] = [:]
        var readAt: ContinuousClock.Instant?
    }

    private let state = Mutex(State())
    let maxAge: Duration

    init(maxAge: Duration = .seconds(1)) { self.maxAge = maxAge }

    /// The end of the open window for `key`, reading every open window again when the copy is
    /// older than `maxAge`.
    func end(of key: PacingWindows.Key, now: Date, on database: any Database) async throws -> Date? {
        let due = state.withLock { state -> Bool in
            let fresh = state.readAt.map { ContinuousClock.now - $0 < maxAge } ?? false
            if !fresh { state.readAt = .now }  // one caller reads; the others use the copy meanwhile
            return !fresh
        }
        if due {
            do {
                let open = try await Self.read(at: now, on: database)
                state.withLock { $0.open = open }
            } catch {
                state.withLock { $0.readAt = nil }
                throw error
            }
        }
        return state.withLock { $0.open[Self.name(key)] }
    }

    /// A window this process just recorded.
    func recorded(_ key: PacingWindows.Key, until end: Date) {
        state.withLock { $0.open[Self.name(key)] = end }
    }

    private static func read(at now: Date, on database: any Database) async throws -> [String: Date] {
        guard let sql = database as? any SQLDatabase else { return [:] }
        let rows = try await sql.select().columns("account_id", "environment", "tool", "capability", "paced_until")
            .from(PacingWindows.schema).where("paced_until", .greaterThan, now).all()
        var open: [String: Date] = [:]
        for row in rows {
            let key = PacingWindows.Key(
                accountID: try row.decode(column: "account_id", as: String.self),
                environment: try row.decode(column: "environment", as: String.self),
                tool: try row.decode(column: "tool", as: String.self), capability: try row.decode(column: "capability", as: String.self))
            open[name(key)] = try row.decode(column: "paced_until", as: Date.self)
        }
        return open
    }

    private static func name(_ key: PacingWindows.Key) -> String {
        [key.accountID, key.environment, key.tool, key.capability].joined(separator: "\u{1F}")
    }
}
