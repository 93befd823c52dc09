import NIOPosix

/// Where the C resolver's blocking calls (`getaddrinfo`, `res_query`) run: threads of their own,
/// never Swift's cooperative pool, which has one thread per core. A name server that does not
/// answer holds a lookup for its whole timeout (5 s by default); on the cooperative pool two such
/// lookups (a webhook URL or tool host an API caller chose) stalled every request of a two-core
/// process for that long.
enum BlockingLookups {
    /// Enough threads that many slow names at once only queue lookups, not other work.
    static let threads = 16

    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        return pool
    }()

    static func run<Value: Sendable>(_ lookup: @escaping @Sendable () -> Value) async throws -> Value {
        try await pool.runIfActive(lookup)
    }
}
