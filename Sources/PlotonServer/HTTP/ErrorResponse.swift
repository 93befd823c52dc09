import PlotonAPI
import Vapor

/// Turns any error into the documented envelope. The one place errors meet the wire.
enum ErrorResponse {
    /// What a `503` asks a client to wait: about the time the server takes to notice the database is back.
    static let retryAfterSeconds = 2

    static func failure(for error: any Error, request: Request) -> APIFailure {
        if let failure = APIFailure(reporting: error) { return failure }
        switch error {
        case is RouteNotFound where !AllowedMethods.forPath(request.url.path, in: request.application.routes).isEmpty:
            return APIFailure(.methodNotAllowed, "\(request.method.rawValue) is not allowed on \(request.url.path). See the Allow header.")
        case let abort as any AbortError:
            return failure(forStatus: abort.status, reason: abort.reason, request: request)
        case StrictJSON.Problem.tooDeep:
            return APIFailure(.invalidRequest, "The request body nests JSON deeper than \(StrictJSON.maxDepth) levels.")
        case is DecodingError, is StrictJSON.Problem:
            return APIFailure(.invalidRequest, "The request body could not be decoded as JSON.")
        case _ where DatabaseUnreachable.matches(error):
            return .databaseUnavailable
        default:
            return APIFailure(
                .internalError,
                "Something went wrong on our side. Retry later; if it persists, report the request id to the operator.")
        }
    }

    static func response(for error: any Error, request: Request) -> Response {
        let failure = failure(for: error, request: request)
        if failure.code == .serviceUnavailable {
            if DatabaseUnreachable.matches(error) { request.application.availability.databaseFailed(error, logger: request.logger) }
        } else if failure.code.httpStatus >= 500 {
            request.logger.error("request failed", metadata: ["error": "\(LoggedError.description(error))"])
        } else {
            request.logger.debug("request refused", metadata: ["code": "\(failure.code.rawValue)"])
        }
        let status = HTTPStatus(statusCode: failure.code.httpStatus)
        let response =
            PagePaths.contains(request.url.path)
            ? HostedPage.message(status: status, title: "Not done", message: failure.message)
            : (try? APIErrorEnvelope(failure, requestID: request.requestID).jsonResponse(status: status))
                ?? Response(status: .internalServerError)
        if failure.code == .invalidAPIKey || failure.code == .missingAPIKey {
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"ploton\"")
        }
        if failure.code == .serviceUnavailable {
            response.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfterSeconds))
        }
        if failure.code == .methodNotAllowed {
            let allowed = AllowedMethods.forPath(request.url.path, in: request.application.routes)
            response.headers.replaceOrAdd(name: .allow, value: allowed.map(\.rawValue).joined(separator: ", "))
        }
        return response
    }

    /// Vapor's own errors (routing, body limits) mapped onto our codes.
    private static func failure(forStatus status: HTTPResponseStatus, reason: String, request: Request) -> APIFailure {
        switch status.code {
        case 404:
            APIFailure(
                .notFound,
                "Unrecognized request URL (\(request.method.rawValue) \(request.url.path)). See /v1/openapi.json for the endpoints.")
        case 413:
            APIFailure(.payloadTooLarge, "The request body is larger than 1 MiB. Send less data per request.")
        case 415:
            APIFailure(.unsupportedMediaType, "Send the request body as JSON with `Content-Type: application/json`.")
        case 400..<500:
            APIFailure(.invalidRequest, reason)
        default:
            APIFailure(
                .internalError, "Something went wrong on our side. Retry later; if it persists, report the request id to the operator.")
        }
    }
}
