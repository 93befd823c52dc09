import Crypto
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// `Idempotency-Key` on POST: the first response is stored (sealed) for 24 h and replayed for the same
/// request; the same key with another request is `422 idempotency_key_reused`; a duplicate that
/// arrives while the first is still running is `409 idempotency_conflict`. 5xx responses are not
/// stored, so a retry after a server fault runs again. A request without the header passes straight
/// through; only a keyed POST starts a task for the store.
struct IdempotencyMiddleware: Middleware {
    static let header = "Idempotency-Key"
    static let replayedHeader = "Idempotent-Replayed"

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard request.method == .POST, let key = request.headers.first(name: Self.header) else {
            return next.respond(to: request)
        }
        return request.eventLoop.makeFutureWithTask { try await respond(to: request, key: key, chainingTo: next) }
    }

    private func respond(to request: Request, key: String, chainingTo next: any Responder) async throws -> Response {
        guard (1...255).contains(key.count) else {
            throw APIFailure.invalid(Self.header, "Idempotency-Key must be 1 to 255 characters.")
        }
        let principal = try request.requirePrincipal()
        let body = try await request.body.collect(max: request.ploton.config.maxBodyBytes).get()
        let store = IdempotencyStore(
            database: request.db, accountID: principal.accountID, environment: principal.environment,
            now: request.now, ttl: request.ploton.config.idempotencyTTL, box: request.ploton.secretBox)

        switch try await store.begin(key: key, fingerprint: fingerprint(request, body: body)) {
        case .replay(let stored, let originalRequestID):
            // A replay is the original response, so it carries the original request id too.
            if let originalRequestID {
                request.logger[metadataKey: "replay-of"] = .string(originalRequestID)
                request.requestID = originalRequestID
            }
            return stored
        case .started(let record):
            let response: Response
            do {
                response = try await next.respond(to: request).get()
            } catch {
                response = ErrorResponse.response(for: error, request: request)
            }
            try await store.finish(record, with: response, requestID: request.requestID)
            return response
        }
    }

    private func fingerprint(_ request: Request, body: ByteBuffer?) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(request.method.rawValue) \(request.url.path)\n".utf8))
        if let body { hasher.update(data: Data(buffer: body)) }
        return LowercaseHex.string(hasher.finalize())
    }
}
