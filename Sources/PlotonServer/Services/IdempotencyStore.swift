import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// Stores and replays idempotent responses. The unique index on (account, environment, key) makes
/// the first writer win on every backend; everyone else reads what it wrote. Every stored body is
/// sealed (a replay of `POST /v1/api_keys` or a secret roll carries the secret), bound to its
/// account, environment and key.
struct IdempotencyStore {
    enum Outcome {
        case started(IdempotencyRecord)
        case replay(Response, originalRequestID: String?)
    }

    let database: any Database
    let accountID: String
    let environment: PlotonEnvironment
    let now: Date
    let ttl: TimeInterval
    let box: SecretBox

    func begin(key: String, fingerprint: String) async throws -> Outcome {
        for _ in 0..<2 {
            let record = IdempotencyRecord(
                accountID: accountID, environment: environment, key: key, fingerprint: fingerprint, now: now, ttl: ttl)
            do {
                try await record.create(on: database)
                return .started(record)
            } catch {
                guard let existing = try await find(key) else { throw error }
                if existing.expiresAt <= now || isAbandoned(existing) {
                    try await existing.delete(on: database)
                    continue
                }
                return .replay(try replay(existing, fingerprint: fingerprint), originalRequestID: existing.requestID)
            }
        }
        throw IdempotencyError.inProgress
    }

    /// No request runs this long, so an unfinished record this old belongs to a process that was
    /// killed or lost its database before it could record the outcome: the key may be used again
    /// (or it would answer 409 for 24 hours).
    static let abandonedAfter: TimeInterval = 60

    private func isAbandoned(_ record: IdempotencyRecord) -> Bool {
        record.state != .complete && now.timeIntervalSince(record.createdAt) > Self.abandonedAfter
    }

    func finish(_ record: IdempotencyRecord, with response: Response, requestID: String) async throws {
        guard response.status.code < 500 else {
            try await release(record)
            return
        }
        record.state = .complete
        record.requestID = requestID
        record.responseStatus = Int(response.status.code)
        record.responseContentType = response.headers.first(name: .contentType)
        let body = response.body.buffer.map { Data(buffer: $0) } ?? Data()
        record.sealedResponseBody = try box.seal(body, associatedData: record.associatedData)
        // The request's effect is committed: the client gets its response even when the database
        // went away just now, and the outcome is recorded once it is back. Thrown, it made a 503
        // the client retried; the record then stayed unfinished until it counted as abandoned, and
        // the retry ran the request again (a task created twice, its post made twice: issue 18).
        try? await retrying(record) { try await $0.update(on: $1) }
    }

    /// Frees the key after a 5xx (nothing was stored, so a retry must run again). A 5xx is often the
    /// database going away, and then this delete fails too: it is tried again in the background,
    /// so the client's retry after the outage runs instead of getting `409 idempotency_conflict`
    /// until the record counts as abandoned.
    private func release(_ record: IdempotencyRecord) async throws {
        try await retrying(record) { try await $0.delete(on: $1) }
    }

    /// Runs `change`; when it fails, throws and tries it again in the background for up to
    /// `abandonedAfter`.
    private func retrying(
        _ record: IdempotencyRecord, _ change: @escaping @Sendable (IdempotencyRecord, any Database) async throws -> Void
    ) async throws {
        do {
            try await change(record, database)
        } catch {
            let database = database
            Task {
                for delay in [1, 2, 4, 8, 16, 29] {
                    try? await Task.sleep(for: .seconds(delay))
                    if (try? await change(record, database)) != nil { return }
                }
            }
            throw error
        }
    }

    private func find(_ key: String) async throws -> IdempotencyRecord? {
        try await IdempotencyRecord.query(on: database)
            .filter(\.$account.$id == accountID)
            .filter(\.$environment == environment)
            .filter(\.$key == key)
            .first()
    }

    private func replay(_ record: IdempotencyRecord, fingerprint: String) throws -> Response {
        guard record.fingerprint == fingerprint else {
            throw IdempotencyError.keyReused
        }
        guard record.state == .complete, let status = record.responseStatus else {
            throw IdempotencyError.inProgress
        }
        var headers = HTTPHeaders()
        if let contentType = record.responseContentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        headers.replaceOrAdd(name: IdempotencyMiddleware.replayedHeader, value: "true")
        return Response(status: HTTPStatus(statusCode: status), headers: headers, body: .init(data: try body(of: record)))
    }

    /// A body sealed with a key since removed from the ring cannot be replayed, and the request must
    /// not run twice either: refused, with what to do.
    private func body(of record: IdempotencyRecord) throws -> Data {
        guard let sealed = record.sealedResponseBody else { return Data() }
        do {
            return try box.openData(sealed, associatedData: record.associatedData)
        } catch {
            throw IdempotencyError.unreadable
        }
    }

    /// Deletes records past their 24 h; run periodically.
    static func prune(database: any Database, now: Date) async throws {
        try await IdempotencyRecord.query(on: database).filter(\.$expiresAt <= now).delete()
    }
}
