import NIOCore
import NIOHTTP1

/// Sits between the request decompressor and Vapor's request decoder, so that a body the
/// connection cannot deliver (torn chunked framing, a `Content-Encoding` body that does not inflate)
/// fails the app's read of it with the `APIFailure` the app then answers (`EdgeAnswer.bodyFailure`).
/// Vapor's decoder passes an error on to the app only once it streams the body: an error before
/// the first body bytes is dropped, and the request then runs with an empty body (a `cancel` with
/// an unreadable body would cancel). So the decoder is made to stream, with an empty first part,
/// before the error reaches it, and what follows the error in that request is dropped.
final class BodyErrorTranslator: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    private var inRequest = false
    private var bodyStarted = false
    private var failed = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            (inRequest, bodyStarted, failed) = (true, false, false)
            context.fireChannelRead(data)
            // A decompressed body's last part could match its compressed Content-Length by chance: the
            // decoder would then wait for the end without streaming, and never see a later inflate error.
            let encoding = head.headers.first(name: "Content-Encoding")?.lowercased()
            if let encoding, encoding != "identity", head.headers.first(name: "Content-Length") != "0" {
                startBody(context: context)
            }
        case .body:
            guard !failed else { return }
            bodyStarted = true
            context.fireChannelRead(data)
        case .end:
            inRequest = false
            context.fireChannelRead(data)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard inRequest, let failure = EdgeAnswer.bodyFailure(error) else {
            context.fireErrorCaught(error)
            return
        }
        guard !failed else { return }
        failed = true
        if !bodyStarted { startBody(context: context) }
        context.fireErrorCaught(failure)
    }

    private func startBody(context: ChannelHandlerContext) {
        bodyStarted = true
        context.fireChannelRead(wrapInboundOut(.body(context.channel.allocator.buffer(capacity: 0))))
    }
}
