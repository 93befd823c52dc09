import Vapor

/// The names of this build's migrations not yet applied to the database, in order (all of them on
/// an empty database).
public func pendingMigrations(_ app: Application) async -> [String] {
    let applied = Set((try? await appliedMigrations(app)) ?? [])
    return PlotonMigrations.all.map(\.name).filter { !applied.contains($0) }
}
