import Foundation

extension Process {
    /// Ends a peer the test started, for certain: a test process's children inherit its ignored
    /// SIGTERM (the server's signal handling sets it), so `terminate()` would leave them running.
    public func stop() {
        guard isRunning else { return }
        kill(processIdentifier, SIGKILL)
        waitUntilExit()
    }
}
