import Foundation
import Testing

/// Waits for a condition of processes a test does not control (so there is nothing to await),
/// polling it for a bounded time; records an issue when time runs out.
public func eventually(
    _ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("timed out waiting: \(what)")
}
