import Foundation
import Logging
import MCP

/// One MCP session's transport: the SDK's `StatefulHTTPServerTransport` (session id, validation,
/// the GET stream, DELETE), plus what it lacks for Ploton. It sends every server-initiated message
/// to the GET stream only, so a progress notification for a `tools/call` would never reach a
/// client that listens on the POST's own stream; here such notifications join the stream of the
/// request whose `progressToken` they carry. A request the client cancelled gets its stream closed
/// shortly after, since the SDK sends no response to a cancelled request. Requests the SDK would
/// answer wrongly or never are answered before it sees them (`MCPRequestCheck`).
actor MCPSessionTransport: Transport, HTTPContextProviding {
    nonisolated let logger: Logger
    private let inner: StatefulHTTPServerTransport
    /// The response stream of each request in flight, by JSON-RPC id.
    private var streams: [String: AsyncThrowingStream<Data, any Error>.Continuation] = [:]
    /// Which request a progress token belongs to.
    private var progressRoutes: [String: String] = [:]
    /// What the server sent in this session, which the SDK's transport keeps for the session's life.
    private(set) var sentBytes = 0

    static let cancelledGrace: Duration = .seconds(2)

    init(inner: StatefulHTTPServerTransport, logger: Logger) {
        self.inner = inner
        self.logger = logger
    }

    /// What the client sent, relayed from the SDK transport (whose `receive()` is isolated to it).
    private let incoming = AsyncThrowingStream<Data, any Error>.makeStream()

    func connect() async throws {
        try await inner.connect()
        let upstream = await inner.receive()
        let continuation = incoming.continuation
        Task {
            do {
                for try await message in upstream { continuation.yield(message) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
    }

    func disconnect() async {
        await inner.disconnect()
        for continuation in streams.values { continuation.finish() }
        streams.removeAll()
        progressRoutes.removeAll()
    }

    func receive() -> AsyncThrowingStream<Data, any Error> { incoming.stream }
    func httpRequestContext(for id: ID) async -> HTTPRequest? { await inner.httpRequestContext(for: id) }

    func send(_ data: Data) async throws {
        sentBytes += data.count
        if let message = MCPMessage(data), message.method == ProgressNotification.name, let token = message.progressToken,
            let requestID = progressRoutes[token], let stream = streams[requestID]
        {
            stream.yield(Data("event: message\ndata: ".utf8) + data + Data("\n\n".utf8))
            return
        }
        try await inner.send(data)
    }

    /// Hands one HTTP request to the SDK transport; a request's SSE stream comes back through this
    /// actor so progress can join it.
    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        if request.method == "POST", let body = request.body,
            let refusal = MCPRequestCheck.refusal(of: body, sessionID: request.header(HTTPHeaderName.sessionID))
        {
            return refusal
        }
        let message = request.body.flatMap(MCPMessage.init)
        let response = await inner.handleRequest(request)
        if message?.method == CancelledNotification.name, let cancelled = message?.cancelledRequestID {
            Task { [weak self] in
                try? await Task.sleep(for: Self.cancelledGrace)
                await self?.finish(cancelled)
            }
        }
        guard case .stream(let upstream, let headers) = response, let requestID = message?.id else { return response }
        let (stream, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
        streams[requestID] = continuation
        if let token = message?.progressToken { progressRoutes[token] = requestID }
        Task { [weak self] in
            do {
                for try await chunk in upstream { continuation.yield(chunk) }
            } catch {
                continuation.finish(throwing: error)
            }
            await self?.finish(requestID)
        }
        return .stream(stream, headers: headers)
    }

    private func finish(_ requestID: String) {
        streams.removeValue(forKey: requestID)?.finish()
        progressRoutes = progressRoutes.filter { $0.value != requestID }
    }
}

/// The few fields of a JSON-RPC message the transport routes by.
struct MCPMessage {
    var id: String?
    var method: String?
    var progressToken: String?
    var cancelledRequestID: String?

    init?(_ data: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        id = Self.identifier(object["id"])
        method = object["method"] as? String
        let params = object["params"] as? [String: Any]
        progressToken = Self.identifier(params?["progressToken"] ?? (params?["_meta"] as? [String: Any])?["progressToken"])
        cancelledRequestID = Self.identifier(params?["requestId"])
    }

    /// JSON-RPC ids and progress tokens are strings or integers; the SDK keys them as text.
    private static func identifier(_ value: Any?) -> String? {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    /// A `tools/call` asking for progress: its answer is streamed (SSE), every other is plain JSON.
    var wantsStream: Bool { method == CallTool.name && progressToken != nil }
}
