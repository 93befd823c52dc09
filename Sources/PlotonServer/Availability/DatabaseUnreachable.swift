import FluentSQLiteDriver
import NIOCore
import PostgresNIO
import Vapor
import VaporCSQLite

/// Whether an error means the database cannot be reached right now (down, restarting, out of
/// connections, or the pool's wait ran out), as opposed to a fault in the request or in our code.
/// Those are answered with a retryable `503 service_unavailable`, never a 500.
enum DatabaseUnreachable {
    static func matches(_ error: any Error) -> Bool {
        switch error {
        case is ConnectionPoolTimeoutError, is ConnectionPoolError, is ChannelError, is DatabaseConnectionLost:
            return true
        case let error as PSQLError:
            return matches(error)
        case let error as IOError:
            return unreachableErrnos.contains(error.errnoCode)
        case let error as SQLiteError:
            // Another writer held the file past the busy timeout, or the file cannot be opened.
            return [.busy, .locked, .cantOpen, .ioError].contains(error.reason)
        case let error as SQLiteHandle.Failed:
            return error.busy || [SQLITE_CANTOPEN, SQLITE_IOERR].contains(error.code & 0xFF)
        default:
            return false
        }
    }

    private static func matches(_ error: PSQLError) -> Bool {
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            return true
        case .server:
            // 08: connection exception; 57P01-57P03: the server is shutting down, crashed or is starting;
            // 53: out of connections, memory or disk.
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P0") || state.hasPrefix("53")
        default:
            return false
        }
    }

    private static let unreachableErrnos: Set<CInt> = [
        ECONNREFUSED, ECONNRESET, ECONNABORTED, EHOSTUNREACH, ENETUNREACH, ETIMEDOUT, EPIPE, ENOTCONN,
    ]
}
