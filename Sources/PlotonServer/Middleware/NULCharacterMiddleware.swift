import PlotonAPI
import Vapor

/// Refuses a URL carrying NUL (`%00`) in its path or query with `400 invalid_request`: PostgreSQL
/// text cannot hold U+0000, so an id or a filter with one would otherwise fail as a 500 there.
/// String fields in JSON bodies are checked where they are read (`RequestFields.string`).
struct NULCharacterMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // `URI.string` read once (each read rebuilds it), and its bytes scanned once for both.
        guard !Self.containsNUL(request.url.string.utf8) else {
            return request.eventLoop.makeFailedFuture(APIFailure(.invalidRequest, "The URL must not contain NUL (%00) characters."))
        }
        return next.respond(to: request)
    }

    /// A NUL byte (a NUL code point: UTF-8 encodes nothing else with a zero byte) or the text `%00`.
    static func containsNUL(_ bytes: String.UTF8View) -> Bool {
        var (beforeLast, last): (UInt8, UInt8) = (0, 0)
        for byte in bytes {
            if byte == 0 || (byte == UInt8(ascii: "0") && last == UInt8(ascii: "0") && beforeLast == UInt8(ascii: "%")) { return true }
            (beforeLast, last) = (last, byte)
        }
        return false
    }
}
