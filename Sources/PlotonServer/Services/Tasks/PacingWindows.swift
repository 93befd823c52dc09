import Fluent
import Foundation
import SQLKit

/// Execution memory of provider rate limits: when a provider rate limited a capability for an
/// account, the end of the window it announced (its `Retry-After`, or our backoff), one row per
/// account, environment, tool and capability. The next call of that capability waits the window
/// out instead of hitting it again; looking it up costs one row however many steps ran before.
struct PacingWindows {
    static let schema = "pacing_windows"

    let database: any Database
    /// This process's copy of the open windows (nil: read the database each time).
    var known: OpenPacingWindows? = nil

    struct Key {
        var accountID: String
        var environment: String
        var tool: String
        var capability: String
    }

    /// The latest window announced replaces the one before.
    func record(_ key: Key, until end: Date) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.insert(into: Self.schema)
            .columns("account_id", "environment", "tool", "capability", "paced_until")
            .values(SQLBind(key.accountID), SQLBind(key.environment), SQLBind(key.tool), SQLBind(key.capability), SQLBind(end))
            .onConflict(with: ["account_id", "environment", "tool", "capability"]) { $0.set(excludedValueOf: "paced_until") }
            .run()
        known?.recorded(key, until: end)
    }

    /// How long is left of the window at `now`; nil when none is open.
    func remaining(_ key: Key, now: Date) async throws -> TimeInterval? {
        if let known {
            let end = try await known.end(of: key, now: now, on: database)
            guard let remaining = end?.timeIntervalSince(now), remaining > 0 else { return nil }
            return remaining
        }
        guard let sql = database as? any SQLDatabase else { return nil }
        let end = try await sql.select().column("paced_until").from(Self.schema)
            .where("account_id", .equal, key.accountID).where("environment", .equal, key.environment)
            .where("tool", .equal, key.tool).where("capability", .equal, key.capability)
            .first()?.decode(column: "paced_until", as: Date.self)
        guard let remaining = end?.timeIntervalSince(now), remaining > 0 else { return nil }
        return remaining
    }
}
