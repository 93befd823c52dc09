import Logging
import NIOCore
import NIOHTTP1

/// Sits right after the HTTP/1 decoder. Vapor closes a connection without a word when the decoder
/// refuses a request (a head over its limit, a malformed request line or header, torn chunked
/// framing); this answers it in the error envelope instead: `414 uri_too_long`,
/// `431 header_fields_too_large` or `400 invalid_request`, and `408 request_timeout` for a head that
/// trickles in for longer than `headTimeout` (slowloris) or a body that is not in `bodyTimeout`
/// after its head (a slow POST: each byte in time for the idle timer, 1 MiB in years). The body's
/// `408` is the app's answer: its read of the body fails. The connection then closes, after the
/// responses still owed to earlier (pipelined) requests, and after a short linger so the client
/// reads the answer rather than a reset.
final class EdgeErrorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// How long a closing connection still reads (and drops) what the client sends: closing with
    /// unread bytes would reset the connection, and the client could lose the answer.
    static let lingerTime = TimeAmount.seconds(2)

    let state: EdgeConnectionState
    let headTimeout: TimeAmount
    let bodyTimeout: TimeAmount
    let logger: Logger
    private var context: ChannelHandlerContext?

    init(state: EdgeConnectionState, headTimeout: TimeAmount, bodyTimeout: TimeAmount, logger: Logger) {
        self.state = state
        self.headTimeout = headTimeout
        self.bodyTimeout = bodyTimeout
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        state.headDeadline?.cancel()
        state.bodyDeadline?.cancel()
        self.context = nil
    }

    /// The first bytes of a request arrived (seen by `RequestLineObserver`): its head has `headTimeout` to arrive.
    func headBegan() {
        guard let context, state.headDeadline == nil else { return }
        state.headDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: headTimeout) { [self] in
            state.headDeadline = nil
            guard state.phase == .head, !state.failed else { return }
            state.failed = true
            refuse(.headTimeout, context: context)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            state.phase = .body
            state.requestsStarted += 1
            state.headDeadline?.cancel()
            state.headDeadline = nil
            if Self.announcesBody(head) { bodyBegan(context: context) }
        case .body:
            break
        case .end:
            state.phase = .idle
            state.requestLineBytes = 0
            state.requestLineEnded = false
            state.bodyDeadline?.cancel()
            state.bodyDeadline = nil
        }
        context.fireChannelRead(data)
    }

    /// Whether a body follows the head (most GETs have none, and need no deadline scheduled).
    private static func announcesBody(_ head: HTTPRequestHead) -> Bool {
        head.headers.contains(name: "transfer-encoding") || (head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0) > 0
    }

    /// A request's head is in: its body (if any; the deadline is cancelled at its end) has `bodyTimeout`.
    /// While the app still owes the answer, its read of the body fails and it answers `408`; once it
    /// has answered, the rest of the body is not waited for: the connection closes.
    private func bodyBegan(context: ChannelHandlerContext) {
        state.bodyDeadline?.cancel()
        state.bodyDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: bodyTimeout) { [self] in
            state.bodyDeadline = nil
            guard state.phase == .body, !state.failed else { return }
            state.failed = true
            logger.info("request body not in within its deadline", metadata: ["seconds": "\(bodyTimeout.nanoseconds / 1_000_000_000)"])
            if state.owesResponses {
                state.closeWhenAnswered = true
                context.fireErrorCaught(BodyDeadlineExceeded())
            } else {
                linger(context: context)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError || error is ByteToMessageDecoderError else {
            context.fireErrorCaught(error)
            return
        }
        // Once the decoder has failed, every later read fails again; the first one is answered.
        guard !state.failed else { return }
        state.failed = true
        state.headDeadline?.cancel()
        state.headDeadline = nil
        state.bodyDeadline?.cancel()
        state.bodyDeadline = nil
        if state.phase == .body {
            // The app is reading this body: its read fails with this error, and the app answers it.
            state.closeWhenAnswered = true
            context.fireErrorCaught(error)
            return
        }
        refuse(.decoderFailed(error, requestLineBytes: state.requestLineBytes), context: context)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where state.closeWhenAnswered:
            head.headers.replaceOrAdd(name: "connection", value: "close")
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end:
            state.responsesEnded += 1
            guard state.closeWhenAnswered, !state.owesResponses else {
                context.write(data, promise: promise)
                return
            }
            if let answer = state.pendingAnswer {
                state.pendingAnswer = nil
                context.write(data, promise: promise)
                send(answer, context: context)
                return
            }
            let written = promise ?? context.eventLoop.makePromise()
            context.write(data, promise: written)
            written.futureResult.assumeIsolated().whenComplete { [self] _ in linger(context: context) }
        default:
            context.write(data, promise: promise)
        }
    }

    private func refuse(_ answer: EdgeAnswer, context: ChannelHandlerContext) {
        state.closeWhenAnswered = true
        if state.owesResponses {
            state.pendingAnswer = answer
        } else {
            send(answer, context: context)
        }
    }

    private func send(_ answer: EdgeAnswer, context: ChannelHandlerContext) {
        let requestID = ObjectIDPrefix.request.generate()
        logger.info(
            "request refused at the HTTP edge",
            metadata: [
                "request-id": .string(requestID), "status": .stringConvertible(answer.failure.code.httpStatus),
                "code": .string(answer.failure.code.rawValue),
            ])
        let parts = answer.parts(requestID: requestID)
        for part in parts.dropLast() { context.write(wrapOutboundOut(part), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(parts[parts.count - 1])).assumeIsolated().whenComplete { [self] _ in
            linger(context: context)
        }
    }

    private func linger(context: ChannelHandlerContext) {
        let halfClosed = context.eventLoop.makePromise(of: Void.self)
        context.close(mode: .output, promise: halfClosed)
        halfClosed.futureResult.assumeIsolated().whenFailure { _ in context.close(promise: nil) }
        context.eventLoop.assumeIsolated().scheduleTask(in: Self.lingerTime) { context.close(promise: nil) }
    }
}
