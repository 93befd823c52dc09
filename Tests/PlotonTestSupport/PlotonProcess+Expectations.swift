import Foundation
import NIOHTTP1
import Testing

/// Expectations about a `ploton` process's answers and exit that explain their own failure: the
/// request, the status, the body and the last lines the server logged. (`#expect(try await …)`
/// shows no values, so a status that flakes under load would otherwise leave nothing to read.)
extension PlotonProcess.Response {
    /// Records an issue unless the status is `expected`; returns whether it was.
    @discardableResult
    public func expect(_ expected: HTTPResponseStatus, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> Bool
    {
        guard status != expected else { return true }
        Issue.record(Comment(rawValue: explanation(expected: expected, comment)), sourceLocation: sourceLocation)
        return false
    }

    /// Like `expect`, and ends the test when the status is not `expected`.
    public func require(_ expected: HTTPResponseStatus, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        guard expect(expected, comment, sourceLocation: sourceLocation) else { throw UnexpectedStatus() }
    }

    private func explanation(expected: HTTPResponseStatus, _ comment: Comment?) -> String {
        var lines = ["\(request) answered \(status.code) \(status.reasonPhrase), expected \(expected.code) \(expected.reasonPhrase)"]
        if let comment { lines.append(comment.rawValue) }
        lines.append("body: \(body.prefix(2_000))")
        if let server { lines.append(server.stderrTail()) }
        return lines.joined(separator: "\n")
    }

    struct UnexpectedStatus: Error, CustomStringConvertible {
        var description: String { "the response's status was not the one required (the issue above says which)" }
    }
}

extension PlotonProcess {
    /// Sends SIGTERM and records an issue, with the server's last log lines, unless the process
    /// exits 0 within `timeout`.
    public func expectCleanStop(timeout: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation) async {
        do {
            let status = try await stop(timeout: timeout)
            guard status != 0 else { return }
            let how = process.terminationReason == .uncaughtSignal ? "was killed by signal \(status)" : "exited with \(status)"
            Issue.record(Comment(rawValue: "ploton \(how) after SIGTERM, expected exit 0\n\(stderrTail())"), sourceLocation: sourceLocation)
        } catch {
            Issue.record(Comment(rawValue: "\(error) (\(timeout) after SIGTERM)\n\(stderrTail())"), sourceLocation: sourceLocation)
        }
    }

    /// The last `lines` lines of the process's standard error, labelled, for a failure message.
    public func stderrTail(lines: Int = 40) -> String {
        let tail = stderr.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines)
        return "ploton stderr (last \(tail.count) lines, pid \(process.processIdentifier)):\n" + tail.joined(separator: "\n")
    }
}
