import NIOCore

/// What the edge handlers of one connection know about it; used on its event loop only.
final class EdgeConnectionState {
    enum Phase {
        /// No byte of the next request has arrived.
        case idle
        /// Reading a request's line and header fields.
        case head
        /// The head is in; its body is being read.
        case body
    }

    var phase = Phase.idle
    /// Bytes of the request line read so far (up to its line break), to tell a URI too long from header fields too large.
    var requestLineBytes = 0
    var requestLineEnded = false
    var requestsStarted = 0
    var responsesEnded = 0
    /// The decoder has failed: no further request is read on this connection.
    var failed = false
    /// Once every response owed is sent, close (a failed body was answered by the app).
    var closeWhenAnswered = false
    /// The edge's own answer, sent after the responses owed to earlier (pipelined) requests.
    var pendingAnswer: EdgeAnswer?
    var headDeadline: Scheduled<Void>?
    var bodyDeadline: Scheduled<Void>?

    var owesResponses: Bool { requestsStarted > responsesEnded }
}
