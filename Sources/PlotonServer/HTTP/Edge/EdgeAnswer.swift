import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import PlotonAPI

/// The answer to a request refused before it reached the app (the HTTP decoder failed on it, or
/// its head came too slowly): the error envelope, with a request id of its own, and `Connection: close`.
struct EdgeAnswer {
    var failure: APIFailure

    /// The decoder's limit on a request's URI and header fields together (swift-nio's default).
    static let headLimit = 80 * 1024
    static let headLimitText = "80 KiB"

    static let headTimeout = EdgeAnswer(
        failure: APIFailure(
            .requestTimeout, "The request's line and header fields did not arrive in time. Send the whole head at once, then retry."))

    /// `requestLineBytes`: how much of the request line the decoder had read when it failed.
    static func decoderFailed(_ error: any Error, requestLineBytes: Int) -> EdgeAnswer {
        guard let parserError = error as? HTTPParserError else {
            return EdgeAnswer(failure: malformed)
        }
        switch parserError {
        case .headerOverflow where requestLineBytes >= headLimit:
            return EdgeAnswer(
                failure: APIFailure(
                    .uriTooLong, "The request URI is longer than the server reads (\(headLimitText)). Send long inputs in a JSON body."))
        case .headerOverflow:
            return EdgeAnswer(
                failure: APIFailure(
                    .headerFieldsTooLarge,
                    "The request's header fields are larger than the server reads (\(headLimitText) together). Send fewer or shorter headers."
                ))
        default:
            return EdgeAnswer(failure: malformed)
        }
    }

    static let malformed = APIFailure(
        .invalidRequest, "The request is not valid HTTP/1.1 (its request line, a header field or its body framing). Check the client.")

    /// The app's failure for a body the connection could not deliver: torn chunked framing, or a
    /// `Content-Encoding` body that does not inflate (or inflates past the body limit).
    static func bodyFailure(_ error: any Error) -> APIFailure? {
        switch error {
        case is BodyDeadlineExceeded:
            return APIFailure(
                .requestTimeout, "The request body did not arrive in time after its header fields. Send the whole body at once, then retry."
            )
        case is HTTPParserError, is ByteToMessageDecoderError:
            return malformed
        case NIOHTTPDecompression.DecompressionError.limit:
            return APIFailure(.payloadTooLarge, "The request body is larger than 1 MiB once decompressed. Send less data per request.")
        case is NIOHTTPDecompression.DecompressionError, is NIOHTTPDecompression.ExtraDecompressionError:
            return APIFailure(
                .invalidRequest,
                "The request body is not valid data for its Content-Encoding (gzip or deflate). Send it uncompressed, or re-encode it.")
        default:
            return nil
        }
    }

    func parts(requestID: String) -> [HTTPServerResponsePart] {
        let body = (try? PlotonJSON.encoder().encode(APIErrorEnvelope(failure, requestID: requestID))) ?? Data()
        let headers = HTTPHeaders([
            ("Content-Type", "application/json; charset=utf-8"), ("Content-Length", String(body.count)),
            ("X-Request-Id", requestID), ("Connection", "close"),
        ])
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: failure.code.httpStatus), headers: headers)
        return [.head(head), .body(.byteBuffer(ByteBuffer(bytes: body))), .end(nil)]
    }
}

/// A request's body was still arriving at its deadline (`EdgeErrorHandler`); answered `408 request_timeout`.
struct BodyDeadlineExceeded: Error {}
