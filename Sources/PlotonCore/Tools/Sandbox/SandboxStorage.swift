/// Where a sandbox keeps its records: one end user's data for one tool in one account
/// environment. The server backs it with the database, so sandbox state survives restarts.
public protocol SandboxStorage: Sendable {
    /// Every record of a collection, in insertion order.
    func all(_ collection: String) async throws -> [JSONValue]
    /// Inserts or replaces the record with this id.
    func put(_ collection: String, id: String, _ record: JSONValue) async throws
    /// Runs `seed` once per storage, ever (the first touch of a user's sandbox).
    func seedOnce(_ seed: @Sendable () -> [(collection: String, id: String, record: JSONValue)]) async throws
}
