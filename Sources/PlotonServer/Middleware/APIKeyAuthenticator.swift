import PlotonAPI
import PlotonCore
import SQLKit
import Tracing
import Vapor

/// Authenticates `Authorization: Bearer pk_…` against the stored hashes (`KeyLookup`: the
/// process's trusted keys, else the key's statement; a revoked key stops working on every
/// process once its revocation returns), then holds the key to its rate limit (`KeyRateLimit`).
/// Malformed keys fail the checksum here, without a database lookup. A route that declared a
/// `JoinedRead` gets its row from the key's statement (`Request.joinedRow`).
///
/// Futures on the request's event loop throughout: a task per request here (as an
/// `AsyncMiddleware` starts) costs two thread hops. The rest of the chain then starts from a
/// future's callback, outside the task-local scopes of the middlewares before this one, so it
/// runs again inside the two they set: the trace context and the client connection's watch.
struct APIKeyAuthenticator: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let secret: APIKeySecret
        var read: JoinedRead?
        do {
            guard let parsed = APIKeySecret(parsing: try bearerToken(request)) else {
                throw APIFailure(.invalidAPIKey, "The API key is malformed. Keys look like pk_test_… or pk_live_…; copy it again in full.")
            }
            secret = parsed
            read = try request.route?.joinedRead?(request)
        } catch {
            return request.eventLoop.makeFailedFuture(error)
        }
        let context = ServiceContext.current
        let watch = AbandonedRequest.watch
        let services = request.ploton
        if read?.skippedForTrustedKey == true, services.keys.trusts(hash: secret.sha256, now: services.clock.now()) {
            read = nil
            request.joinedReadSkipped = true
        }
        let lookup = KeyLookup(
            database: request.db, on: request.eventLoop, now: services.clock.now(),
            reads: request.application.sqliteReads?.connection(on: request.eventLoop), keys: services.keys)
        return lookup.principal(for: secret, joining: read)
            .flatMap { principal, row in
                request.principal = principal
                request.joinedRow = row
                return KeyRateLimit.consume(for: principal, request: request, services: services)
            }
            .flatMap { limit in
                ServiceContext.withValue(context) {
                    AbandonedRequest.$watch.withValue(watch) {
                        limit?.respond(to: request, chainingTo: next) ?? next.respond(to: request)
                    }
                }
            }
    }

    private func bearerToken(_ request: Request) throws -> String {
        guard let raw = request.headers.first(name: .authorization) else { throw APIFailure.missingAPIKey }
        if let token = Self.plainBearer(raw) { return token }
        let header = raw.trimmingCharacters(in: Self.optionalWhitespace)
        guard !header.isEmpty else { throw APIFailure.missingAPIKey }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIFailure(.invalidAPIKey, "Use the Bearer scheme: `Authorization: Bearer <key>`.")
        }
        return parts[1].trimmingCharacters(in: Self.optionalWhitespace)
    }

    /// HTTP's optional whitespace, spaces and tabs only: Foundation's `.whitespaces` also holds
    /// U+200B (zero-width space), and a key with one before or after it is not the key.
    private static let optionalWhitespace = CharacterSet(charactersIn: " \t")

    /// The common `Bearer <token>`, read without Foundation: the token when the header is exactly
    /// that with a token of printable ASCII, so that the general reading above would give the same.
    private static func plainBearer(_ header: String) -> String? {
        let bytes = header.utf8
        guard bytes.count > 7, bytes.starts(with: "Bearer ".utf8) else { return nil }
        let token = bytes.dropFirst(7)
        guard token.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return String(Substring(token))
    }
}

extension Route {
    private struct JoinedReadKey: Hashable, Sendable {}

    /// The read this route joins to its key's lookup (`KeyLookup`), made from the request; nil
    /// when this request needs none (the route answers it from memory).
    var joinedRead: (@Sendable (Request) throws -> JoinedRead?)? {
        get { userInfo[AnySendableHashable(JoinedReadKey())] as? @Sendable (Request) throws -> JoinedRead? }
        set { userInfo[AnySendableHashable(JoinedReadKey())] = newValue }
    }
}

extension Request {
    private struct JoinedRowKey: StorageKey { typealias Value = any SQLRow }

    /// The row of the route's `JoinedRead`, found in the key's account and environment; nil if none.
    var joinedRow: (any SQLRow)? {
        get { storage[JoinedRowKey.self] }
        set { storage[JoinedRowKey.self] = newValue }
    }

    private struct JoinedReadSkippedKey: StorageKey { typealias Value = Bool }

    /// The route's `JoinedRead` was not run (its key was trusted): `joinedRow` tells nothing.
    var joinedReadSkipped: Bool {
        get { storage[JoinedReadSkippedKey.self] ?? false }
        set { storage[JoinedReadSkippedKey.self] = newValue }
    }
}
