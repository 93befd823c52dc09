import Synchronization

/// Sandbox records in memory, for running sandboxes without a database (tests and the fuzzer).
public final class InMemorySandboxStorage: SandboxStorage {
    private let rows = Mutex<[(collection: String, id: String, record: JSONValue)]>([])
    private let seeded = Mutex(false)

    public init() {}

    public func all(_ collection: String) async throws -> [JSONValue] {
        rows.withLock { $0.filter { $0.collection == collection }.map(\.record) }
    }

    public func put(_ collection: String, id: String, _ record: JSONValue) async throws {
        rows.withLock { rows in
            if let index = rows.firstIndex(where: { $0.collection == collection && $0.id == id }) {
                rows[index].record = record
            } else {
                rows.append((collection, id, record))
            }
        }
    }

    public func seedOnce(_ seed: @Sendable () -> [(collection: String, id: String, record: JSONValue)]) async throws {
        let first = seeded.withLock { done in
            defer { done = true }
            return !done
        }
        if first { rows.withLock { $0 += seed() } }
    }
}
