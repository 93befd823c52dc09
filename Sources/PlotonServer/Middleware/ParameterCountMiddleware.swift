import NIOCore
import PlotonAPI
import Tracing
import Vapor

/// Refuses a query string or a form body (`application/x-www-form-urlencoded`) of more than
/// `maxParameters` parameters with `400 invalid_request`, before anything parses it: Vapor's
/// form parser takes time quadratic in how often one name repeats (`a=1&a=1&…`), and a 1 MiB
/// form of them held a core for minutes. A form carrying NUL (`%00`) is refused the same way, as
/// `NULCharacterMiddleware` refuses a URL with one: PostgreSQL text cannot hold U+0000, so a dashboard
/// or hosted form with one failed as a `500` there (and SQLite stored it).
struct ParameterCountMiddleware: Middleware {
    static let maxParameters = 1_000
    let maxBodyBytes: Int

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if let query = request.url.query, Self.count(query.utf8) > Self.maxParameters {
            return request.eventLoop.makeFailedFuture(
                APIFailure(.invalidRequest, "A URL may carry at most \(Self.maxParameters) query parameters."))
        }
        guard request.headers.contentType == .urlEncodedForm else { return next.respond(to: request) }
        let context = ServiceContext.current  // the request's trace, for the handler's task
        return request.body.collect(max: maxBodyBytes).flatMap { body in
            if let body, Self.count(body.readableBytesView) > Self.maxParameters {
                return request.eventLoop.makeFailedFuture(
                    APIFailure(.invalidRequest, "A form may carry at most \(Self.maxParameters) fields."))
            }
            if let body, Self.holdsNUL(body.readableBytesView) {
                return request.eventLoop.makeFailedFuture(
                    APIFailure(.invalidRequest, "A form field must not contain NUL (%00) characters."))
            }
            return ServiceContext.withValue(context) { next.respond(to: request) }
        }
    }

    /// A NUL byte, or one percent-encoded.
    private static func holdsNUL(_ bytes: ByteBufferView) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 0 { return true }
            if bytes[index] == UInt8(ascii: "%"), bytes.index(index, offsetBy: 2) < bytes.endIndex,
                bytes[bytes.index(after: index)] == UInt8(ascii: "0"), bytes[bytes.index(index, offsetBy: 2)] == UInt8(ascii: "0")
            {
                return true
            }
            index = bytes.index(after: index)
        }
        return false
    }

    /// Parameters are separated by `&` (some parsers also take `;`).
    private static func count(_ bytes: some Sequence<UInt8>) -> Int {
        bytes.reduce(1) { count, byte in byte == UInt8(ascii: "&") || byte == UInt8(ascii: ";") ? count + 1 : count }
    }
}
