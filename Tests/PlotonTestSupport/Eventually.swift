import Foundation
import Testing

/// Waits for a condition of processes a test does not control (so there is nothing to await),
/// polling it for a bounded time; records an issue when time runs out.
///
/// The condition is checked once more after each wait, the last one included: on a starved
/// machine a wait can end long after the deadline, with the awaited work done meanwhile (a task
/// enqueued before the wait's wake-up has run by then), and failing without a look was a flake
/// of the whole suite (EngineSlotsTests, session 12), not of what was tested.
public func eventually(
    _ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return }
        guard ContinuousClock.now < deadline else { break }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("timed out waiting: \(what)")
}
