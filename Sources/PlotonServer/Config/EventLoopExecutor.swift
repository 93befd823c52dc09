import NIOCore
import NIOPosix

/// Swift concurrency's global executor as the NIO event loops (`PLOTON_EVENT_LOOP_EXECUTOR=true`,
/// off by default). Without it an async handler, a task's run and each `await` on a database
/// answer move between the event loops (HTTP, PostgresNIO, AsyncHTTPClient) and the cooperative
/// pool, and at a moderate rate each move wakes a sleeping thread (session 34's profile at 500
/// tasks/s: 12.8 % of the server's samples in the scheduler's wake-ups). On the loops a job enqueued
/// from a loop stays on it. Nothing blocks a job for long: DNS lookups and bcrypt have thread pools
/// of their own and an SQLite commit its own thread (`SQLiteWriter`); SQLite's short statements run
/// on the job's thread, as they did on the pool.
public enum EventLoopExecutor {
    /// Once per process, before the application is made; false where the runtime offers no hook.
    @discardableResult
    public static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
