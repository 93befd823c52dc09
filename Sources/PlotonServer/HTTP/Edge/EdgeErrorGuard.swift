import NIOCore
import PlotonAPI

/// Sits before Vapor's last handler, which closes the connection on any error. An error in a
/// request's body (torn chunked framing, a `Content-Encoding` body that does not inflate) has
/// already failed the app's read of that body (as an `APIFailure`, by `BodyErrorTranslator`), and
/// the app answers it; closing now would drop that answer. So such errors stop here, and
/// `EdgeErrorHandler` closes once the answer is sent.
final class EdgeErrorGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    let state: EdgeConnectionState

    init(state: EdgeConnectionState) { self.state = state }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is APIFailure, state.owesResponses else {
            context.fireErrorCaught(error)
            return
        }
        state.failed = true
        state.closeWhenAnswered = true
    }
}
