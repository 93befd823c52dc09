import NIOCore

/// Sits before the HTTP/1 decoder and watches the raw bytes: starts the head deadline when a
/// request's first bytes arrive, and measures its request line, so a head too large for the
/// decoder is told apart (a request line past the limit by itself: 414; else 431). A request whose
/// first bytes are read together with the end of the previous one is measured from its next read;
/// the answer stays a 4xx either way.
final class RequestLineObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let state: EdgeConnectionState
    let edge: EdgeErrorHandler

    init(state: EdgeConnectionState, edge: EdgeErrorHandler) {
        self.state = state
        self.edge = edge
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        if state.phase == .idle, bytes.readableBytes > 0 {
            state.phase = .head
            edge.headBegan()
        }
        if state.phase == .head, !state.requestLineEnded {
            let lineBreak = bytes.readableBytesView.firstIndex(of: UInt8(ascii: "\n"))
            state.requestLineBytes += (lineBreak ?? bytes.readableBytesView.endIndex) - bytes.readableBytesView.startIndex
            state.requestLineEnded = lineBreak != nil
        }
        context.fireChannelRead(data)
    }
}
