import AsyncHTTPClient
import NIOCore

extension HTTPClientResponse {
    /// The whole body, at most `maxBytes`, read by `deadline` (else `HTTPClientError.deadlineExceeded`).
    /// AsyncHTTPClient's deadline ends with the response head and its read timeout restarts with
    /// every byte, so without this a peer that drips its body, or an event stream that never ends,
    /// would hold the request, and the worker or API handler waiting on it, forever.
    func collectBody(upTo maxBytes: Int, by deadline: NIODeadline) async throws -> ByteBuffer {
        let body = self.body
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: maxBytes) }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(0, (deadline - .now()).nanoseconds)))
                return nil
            }
            defer { group.cancelAll() }
            guard case .some(.some(let collected)) = try await group.next() else { throw HTTPClientError.deadlineExceeded }
            return collected
        }
    }
}
