import Foundation
import Synchronization
import Vapor

/// What a load balancer needs to know about this process: whether the database answered lately
/// and whether the process is draining (stopping after SIGTERM).
///
/// After a request finds the database unreachable, others are answered `503` at once instead of
/// each waiting on the pool, and one request a second is let through to find out whether it is
/// back: a dead database costs a request a few microseconds, and recovery takes about a second.
final class Availability: Sendable {
    private struct State {
        var databaseDown = false
        var nextProbe: ContinuousClock.Instant = .now
        var draining = false
    }

    static let probeInterval: Duration = .seconds(1)
    private let state = Mutex(State())

    var isDraining: Bool { state.withLock { $0.draining } }
    var isDatabaseDown: Bool { state.withLock { $0.databaseDown } }

    func beginDraining() { state.withLock { $0.draining = true } }

    /// Whether a request may try the database now: always while it is up; while it is down, one
    /// request per probe interval.
    func admitsDatabaseRequest(now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { state in
            guard state.databaseDown else { return true }
            guard now >= state.nextProbe else { return false }
            state.nextProbe = now + Self.probeInterval
            return true
        }
    }

    /// Logs once per outage, not once per refused request.
    func databaseFailed(_ error: any Error, logger: Logger, now: ContinuousClock.Instant = .now) {
        let began = state.withLock { state in
            defer {
                state.databaseDown = true
                state.nextProbe = max(state.nextProbe, now + Self.probeInterval)
            }
            return !state.databaseDown
        }
        if began {
            logger.error("database unreachable; answering 503 until it is back", metadata: ["error": "\(LoggedError.description(error))"])
        }
    }

    func databaseAnswered(logger: Logger) {
        let ended = state.withLock { state in
            defer { state.databaseDown = false }
            return state.databaseDown
        }
        if ended { logger.notice("database reachable again; serving requests") }
    }
}

extension Application {
    private struct AvailabilityKey: StorageKey { typealias Value = Availability }

    /// Set once in `configure`. A request still finishing after shutdown emptied the storage gets a process that is
    /// up and not draining (it crashed the process: a test's server stalled past its shutdown under load).
    var availability: Availability {
        get { storage[AvailabilityKey.self] ?? Availability() }
        set { storage[AvailabilityKey.self] = newValue }
    }

    /// Marks this process not ready (`GET /ready` answers 503) and keeps serving for `seconds`, so
    /// a load balancer stops sending new requests before the listener closes.
    public func drain(for seconds: Int) async {
        availability.beginDraining()
        logger.info("draining: not ready; serving in-flight and late requests", metadata: ["seconds": "\(seconds)"])
        if seconds > 0 { try? await Task.sleep(for: .seconds(seconds)) }
    }
}
